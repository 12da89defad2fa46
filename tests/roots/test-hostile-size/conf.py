extensions = ["sphinx_labnews"]
project = "Hostile size"
html_baseurl = "https://lab.example.org/"
labnews_max_post_bytes = 4000

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
