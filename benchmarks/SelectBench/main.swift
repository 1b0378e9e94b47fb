print("SelectBench: not implemented yet")
