extensions = ["sphinx_labnews"]
labnews_site_defaults = True
project = "Minimal Lab"
html_baseurl = "https://conf.example.org/"
