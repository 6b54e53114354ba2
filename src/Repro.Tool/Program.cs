return Repro.Tool.ToolCommands.Run(args, Console.Out, Console.Error, Environment.CurrentDirectory);
