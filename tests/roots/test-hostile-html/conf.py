extensions = ["sphinx_labnews"]
project = "Hostile HTML"
html_baseurl = "https://lab.example.org/"
