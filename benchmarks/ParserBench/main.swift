print("ParserBench: not implemented yet")
