extensions = ["sphinx_labnews"]
labnews_site_defaults = True
project = "Incremental Lab"
html_baseurl = "https://lab.example.org/"
labnews_about_blocks = {"lab": "_about/lab.md"}
labnews_default_about = ["lab"]
