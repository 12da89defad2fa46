extensions = ["sphinx_labnews"]
project = "Hostile images"
html_baseurl = "https://lab.example.org/"
myst_enable_extensions = ["html_image"]
