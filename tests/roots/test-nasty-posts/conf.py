extensions = ["sphinx_labnews"]
labnews_site_defaults = True
project = "Nasty Lab"
html_baseurl = "https://lab.example.org/"
labnews_feed_length = 0  # every post, so the test can count them
