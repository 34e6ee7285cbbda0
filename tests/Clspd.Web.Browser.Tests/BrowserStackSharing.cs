namespace Clspd.Web.Browser.Tests;

/// <summary>Every browser test shares one stack and one browser (started once, run one test at a time).</summary>
[CollectionDefinition(Name)]
public sealed class BrowserStackSharing : ICollectionFixture<BrowserStackFixture>
{
    public const string Name = "browser stack";
}
