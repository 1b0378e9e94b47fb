// The StackQL dialect: lexer, parser, AST, printer and diagnostics. Filled in by the syntax work.
