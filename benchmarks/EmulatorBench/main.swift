print("EmulatorBench: not implemented yet")
