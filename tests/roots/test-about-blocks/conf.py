extensions = ["sphinx_labnews"]
labnews_site_defaults = True
project = "About Lab"
html_baseurl = "https://lab.example.org/"
labnews_about_blocks = {
    "lab": "_about/lab.md",
    "uni": "_about/uni.md",
    "extra": "_about/extra.md",
}
labnews_default_about = ["lab", "uni"]
