"""Draw placeholder images for the seed posts' pictures.

The lab's real photographs are not in this repository. Each placeholder has the
file name the post uses, a plausible size, a grey background with a cross and its
own name and size written on it, so nobody mistakes it for the real picture.
Run from the repository root: ``python docs/_tools/make_placeholders.py``.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

TARGET = Path(__file__).resolve().parent.parent / "static" / "img" / "news"

#: file name -> (width, height); covers use the 1.91:1 social-card shape.
PLACEHOLDERS = {
    "2025_hkust_union_medeng_center_cover.png": (1200, 630),
    "2025_hkust_union_medeng_center_team.png": (1200, 800),
    "2025_hkust_union_medeng_center_gift.png": (1200, 800),
    "lai4bm2025_cover.png": (1200, 630),
    "lai4bm2025_group_photo_1.jpg": (1200, 800),
    "lai4bm2025_group_photo_2.jpg": (1200, 800),
    "2025_press_1.jpg": (1200, 800),
    "2025_press_2.jpg": (1200, 630),
    "2025_press_3.jpg": (1200, 800),
    "2025_press_4.jpg": (1200, 800),
}


def draw(name: str, size: tuple[int, int]) -> Image.Image:
    width, height = size
    image = Image.new("RGB", size, (222, 226, 230))
    pen = ImageDraw.Draw(image)
    pen.rectangle([0, 0, width - 1, height - 1], outline=(134, 142, 150), width=6)
    pen.line([0, 0, width, height], fill=(173, 181, 189), width=4)
    pen.line([0, height, width, 0], fill=(173, 181, 189), width=4)
    label = f"PLACEHOLDER\n{name}\n{width} x {height}"
    pen.multiline_text(
        (width / 2, height / 2),
        label,
        fill=(52, 58, 64),
        anchor="mm",
        align="center",
        font_size=max(18, width // 30),
    )
    return image


def main() -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, size in PLACEHOLDERS.items():
        path = TARGET / name
        image = draw(name, size)
        if path.suffix == ".jpg":
            image.save(path, quality=70, optimize=True)
        else:
            image.save(path, optimize=True)
        print(f"wrote {path.relative_to(TARGET.parent.parent.parent)}")


if __name__ == "__main__":
    main()
