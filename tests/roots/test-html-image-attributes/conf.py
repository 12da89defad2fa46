extensions = ["sphinx_labnews"]
project = "HTML image attributes"
html_baseurl = "https://lab.example.org/"
# MyST turns an <img> alone in its HTML into an image node, keeping only some attributes
myst_enable_extensions = ["html_image"]

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
