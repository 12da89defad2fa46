extensions = ["sphinx_labnews"]
project = "About Literal Lab"
html_baseurl = "https://lab.example.org/"
labnews_about_blocks = {"lab": "_about/lab.md"}
labnews_default_about = ["lab"]

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
