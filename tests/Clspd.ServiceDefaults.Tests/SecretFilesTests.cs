using Microsoft.AspNetCore.Builder;

namespace Clspd.ServiceDefaults.Tests;

/// <summary>
/// Settings given as files (Docker secrets, Kubernetes secret volumes): the compose files and the manifests of
/// deploy/ give the SQL Server connection string this way, so that its password is in no environment variable.
/// </summary>
public sealed class SecretFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("clspd-secrets-").FullName;

    [Fact]
    public void AddClspdSecretFiles_FileNamedByKey_IsTheSetting()
    {
        File.WriteAllText(Path.Combine(_directory, "Database__ConnectionString"), "Server=sql;Password=from-file");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[ServiceDefaultsExtensions.SecretsDirectoryKey] = _directory;
        builder.Configuration["Database:ConnectionString"] = "Server=sql;Password=from-environment";
        builder.Configuration["Database:Provider"] = "SqlServer";

        builder.AddClspdSecretFiles();

        Assert.Equal("Server=sql;Password=from-file", builder.Configuration["Database:ConnectionString"]);
        Assert.Equal("SqlServer", builder.Configuration["Database:Provider"]);
    }

    [Fact]
    public void AddClspdSecretFiles_NoDirectoryNamed_SettingsUnchanged()
    {
        File.WriteAllText(Path.Combine(_directory, "Database__ConnectionString"), "Server=sql;Password=from-file");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration["Database:ConnectionString"] = "Server=sql;Password=from-environment";

        builder.AddClspdSecretFiles();

        Assert.Equal("Server=sql;Password=from-environment", builder.Configuration["Database:ConnectionString"]);
    }

    [Fact]
    public void AddClspdSecretFiles_DirectoryMissing_StartFailsNamingIt()
    {
        var missing = Path.Combine(_directory, "not-mounted");
        var builder = WebApplication.CreateBuilder();
        builder.Configuration[ServiceDefaultsExtensions.SecretsDirectoryKey] = missing;

        var error = Assert.ThrowsAny<Exception>(() => builder.AddClspdSecretFiles());

        Assert.Contains("not-mounted", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
