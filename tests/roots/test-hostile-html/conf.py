extensions = ["sphinx_labnews"]
project = "Hostile HTML"
html_baseurl = "https://lab.example.org/"

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
