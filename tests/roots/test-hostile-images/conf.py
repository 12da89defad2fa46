extensions = ["sphinx_labnews"]
project = "Hostile images"
html_baseurl = "https://lab.example.org/"
myst_enable_extensions = ["html_image"]

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
