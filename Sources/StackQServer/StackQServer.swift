/// The PostgreSQL wire-protocol server of `stackq serve` (issue: "Server mode: the PostgreSQL wire protocol").
public enum StackQServer {}
