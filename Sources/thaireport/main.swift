print("thaireport")
