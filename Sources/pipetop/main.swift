print("pipetop")
