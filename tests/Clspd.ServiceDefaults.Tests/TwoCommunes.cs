namespace Clspd.ServiceDefaults.Tests;

/// <summary>Two communes' issuers (A signs with ECDSA, B with RSA), their public keys in a folder of the test's own.</summary>
public abstract class TwoCommunes : IDisposable
{
    protected TwoCommunes()
    {
        Directory.CreateDirectory(Folder);
        CommuneA = new Organisation("https://idp.commune-a.example/realms/agents", Path.Combine(Folder, "a.pub.pem"), rsa: false);
        CommuneB = new Organisation("https://idp.commune-b.example/realms/agents", Path.Combine(Folder, "b.pub.pem"), rsa: true);
    }

    protected string Folder { get; } = Path.Combine(Path.GetTempPath(), "clspd-tests", Guid.NewGuid().ToString("N"));

    protected Organisation CommuneA { get; }

    protected Organisation CommuneB { get; }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (!disposing)
        {
            return;
        }

        CommuneA.Dispose();
        CommuneB.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
