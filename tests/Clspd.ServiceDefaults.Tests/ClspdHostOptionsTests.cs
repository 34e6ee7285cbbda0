namespace Clspd.ServiceDefaults.Tests;

/// <summary>Settings found from any working directory: the content root is the program's own directory unless one is given.</summary>
public sealed class ClspdHostOptionsTests
{
    [Fact]
    public void For_NoContentRootGiven_TheProgramsDirectory()
    {
        var options = ClspdHostOptions.For(["--Service:Listen=http://127.0.0.1:5999"]);

        Assert.Equal((AppContext.BaseDirectory, "--Service:Listen=http://127.0.0.1:5999"), (options.ContentRootPath, Assert.Single(options.Args!)));
    }

    [Fact]
    public void For_ContentRootArgument_LeftToTheHost()
    {
        var options = ClspdHostOptions.For(["--contentRoot", "/srv/clspd"]);

        Assert.Null(options.ContentRootPath);
    }
}
