using System.CommandLine;
using Clspd.Cli.Output;
using Clspd.Registry.V1;
using Clspd.ServiceDefaults.Auth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Clspd.Cli.Commands;

/// <summary>login, logout, whoami: who the CLI speaks as.</summary>
public static class SessionCommands
{
    public static Command Login(ClspdCli cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var subject = Opt.Optional("--as", "Subject to sign in as on the local stack, e.g. admin (mints a token from <data>/issuer.pem)");
        var minutes = new Option<int>("--minutes") { Description = "Lifetime of a minted token in minutes", DefaultValueFactory = _ => 480 };
        var command = Cmd.New("login",
            "Signs in for this session: mints a token of the local stack's issuer (--as), or stores a token you were given (--token). The token is kept in $CLSPD_HOME/token (default ~/.config/clspd/token), readable by you only.",
            "clspd login --as admin", subject, minutes);
        cli.Runs(command, (run, _) =>
        {
            var given = run.Get(subject);
            string token;
            if (given is not null)
            {
                var lifetime = run.Get(minutes);
                if (lifetime <= 0)
                {
                    throw new CliException(ExitCodes.Usage, "--minutes must be positive");
                }

                var keyFile = Path.Combine(run.DataDirectory, LocalIssuer.PrivateKeyFileName);
                if (!File.Exists(keyFile))
                {
                    throw new CliException(ExitCodes.Denied,
                        $"no local issuer at {keyFile}: start the local stack first (dotnet run --project deploy/Clspd.Local), pass --data DIR, or sign in with --token");
                }

                using var issuer = LocalIssuer.Load(keyFile);
                token = issuer.Mint(given, TimeSpan.FromMinutes(lifetime));
            }
            else
            {
                token = run.Token;
            }

            var jwt = Read(token);
            run.Tokens.Write(token);
            run.Show(Obj.Of(("subject", jwt.Subject), ("expiresAt", jwt.ValidTo.ToString("O")), ("tokenFile", run.Tokens.FilePath)), () =>
                run.Out.WriteLine($"Signed in as {jwt.Subject} until {Fmt.When(new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))} (token kept in {run.Tokens.FilePath})."));
            return Task.CompletedTask;
        });
        return command;
    }

    public static Command Logout(ClspdCli cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var command = Cmd.New("logout", "Forgets the token stored by 'clspd login'.", "clspd logout");
        cli.Runs(command, (run, _) =>
        {
            var removed = run.Tokens.Delete();
            run.Show(Obj.Of(("removed", removed)), () => run.Out.WriteLine(removed ? "Signed out." : "No stored token; nothing to do."));
            return Task.CompletedTask;
        });
        return command;
    }

    public static Command WhoAmI(ClspdCli cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var command = Cmd.New("whoami", "Shows who you are signed in as and your designations in force (REG-4).", "clspd whoami");
        cli.Runs(command, async (run, ct) =>
        {
            var jwt = Read(run.Token);
            var reply = await run.Api.Registry.ListSubjectDesignationsAsync(new ListSubjectDesignationsRequest { Subject = jwt.Subject }, cancellationToken: ct);
            run.Show(reply, () =>
            {
                Table.Fields(run.Out,
                    ("Subject", jwt.Subject),
                    ("Token valid until", Fmt.When(new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero))),
                    ("Gateway", run.Gateway.ToString()),
                    ("Participant", reply.Participant is null ? "(not a registered participant)" : $"{reply.Participant.FullName}, {reply.Participant.Function}"));
                run.Out.WriteLine();
                Views.Designations(reply.Designations).WriteTo(run.Out, "(no designation in force)");
            });
        });
        return command;
    }

    private static JsonWebToken Read(string token)
    {
        try
        {
            return new JsonWebToken(token);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ExitCodes.Usage, $"the token is not a JWT ({ex.Message})");
        }
    }
}
