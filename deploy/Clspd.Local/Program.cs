using Clspd.Local;

return await LocalCli.InvokeAsync(args);
