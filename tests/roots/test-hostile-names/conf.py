extensions = ["sphinx_labnews"]
project = "Hostile names"
html_baseurl = "https://lab.example.org/"
html_theme = "pydata_sphinx_theme"
# straight quotes reach the page as typed: nothing turns '"' into a curly quote
smartquotes = False

# the news-site defaults, as the lab site has them
labnews_site_defaults = True
