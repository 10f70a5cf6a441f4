print("referrald")
