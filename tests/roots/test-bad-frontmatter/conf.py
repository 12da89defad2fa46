extensions = ["sphinx_labnews"]
labnews_site_defaults = True
project = "Broken Lab"
html_baseurl = "https://lab.example.org/"
