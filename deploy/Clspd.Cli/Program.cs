using Clspd.Cli;

return await ClspdCli.InvokeAsync(args);
