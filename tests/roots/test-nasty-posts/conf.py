extensions = ["sphinx_labnews"]
project = "Nasty Lab"
html_baseurl = "https://lab.example.org/"
labnews_feed_length = 0  # every post, so the test can count them
