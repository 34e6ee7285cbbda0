using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Clspd.ServiceDefaults.Data;

/// <summary>
/// <c>dotnet Clspd.X.dll --migrate</c>: applies the service's migrations with the service's own settings (files,
/// environment, secrets directory) and exits, 0 when the database is up to date, 1 otherwise with the reason on
/// standard error. Kubernetes runs it as the Deployments' init container, so that a pod starts only on a migrated
/// database; the service also migrates at start-up, which then finds nothing left to do.
/// </summary>
public static class MigrateCommand
{
    public const string Option = "--migrate";

    /// <summary>Whether <paramref name="args"/> asks for the migration; the option is taken out of them.</summary>
    public static bool Asked(ref string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!args.Contains(Option, StringComparer.Ordinal))
        {
            return false;
        }

        args = [.. args.Where(a => !string.Equals(a, Option, StringComparison.Ordinal))];
        return true;
    }

    /// <summary>Migrates the database of the built (not started) service; the process's exit code.</summary>
    public static int Run(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            var database = app.Services.GetRequiredService<Database>();
            var service = app.Services.GetRequiredService<ServiceIdentity>();
            var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var result = Migrator.Run(database.Provider, database.ConnectionString, service.MigrationsAssembly, options.EnsureDatabase);
            if (!result.Successful)
            {
                Console.Error.WriteLine($"{service.Name}: migration failed: {result.Error?.Message}");
                return 1;
            }

            foreach (var script in result.Scripts)
            {
                Console.Out.WriteLine($"{service.Name}: applied {script.Name}");
            }

            Console.Out.WriteLine($"{service.Name}: database up to date on {database.Provider}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or OptionsValidationException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"{Option}: {e.Message}");
            return 1;
        }
    }
}
