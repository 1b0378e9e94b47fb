print("stackq")
