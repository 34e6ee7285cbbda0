using System.Diagnostics;
using System.Globalization;
using Clspd.Access.V1;
using Clspd.Local;
using Clspd.ServiceDefaults.Auth;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;

namespace Clspd.Benchmarks.Load;

/// <summary>
/// The local stack started on a commune written by <see cref="CommuneDataset"/>: how long until the
/// access service, which rebuilds its view of the registry and of consent from their change feeds
/// at start-up, decides on the generated commune. It asks, through the gateway, whether a generated
/// group member may read the case of an adult of the group by name (which needs the designation,
/// the charter and the person's consent), until the answer is ALLOW.
/// </summary>
public static class CatchUpCommand
{
    /// <summary>The times from launch, the checks made until the first ALLOW, and the answer to a caller the registry does not know (it must be DENY).</summary>
    public sealed record Figures(TimeSpan ToServing, TimeSpan ToFirstAllow, int Attempts, Outcome Stranger);

    public static async Task<Figures> RunAsync(string dataDirectory, TimeSpan timeout, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        var groups = (int)(long)Row(dataDirectory, "registry", "SELECT COUNT(*) FROM council_groups", null)[0];
        var persons = (int)(long)Row(dataDirectory, "records", "SELECT COUNT(*) FROM persons", null)[0];
        // The first adult (19 or over: no legal representatives decide) whose group has a designated participant.
        var person = Enumerable.Range(0, persons).First(p => CommuneDataset.AgeOf(p) >= 19);
        var participant = person % groups;
        var subjectRef = CommuneDataset.PersonRef(person);
        var found = Row(dataDirectory, "records", "SELECT id, group_id, council_id FROM cases WHERE subject_ref = @s", subjectRef);
        var resource = new CaseResource
        {
            CaseId = (string)found[0], GroupId = (string)found[1], CouncilId = (string)found[2], SubjectRef = subjectRef, BodyKind = BodyKind.ClspdGroup,
        };

        var clock = Stopwatch.StartNew();
        // The h2c stack (--insecure-loopback): the mixes call as services (svc:*) through the gateway, which only loopback h2c allows;
        // the mutual TLS stack is measured by tls-compare.
        await using var stack = new LocalStack(new LocalStackOptions { InsecureLoopback = true, DataDirectory = dataDirectory, Ports = StackPorts.Free(), Output = _ => { }, StartTimeout = timeout });
        await stack.StartAsync(ct);
        var serving = clock.Elapsed;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"stack SERVING after {serving.TotalSeconds:F1} s (all processes, in parallel)"));
        using var issuer = LocalIssuer.Load(Path.Combine(dataDirectory, LocalIssuer.PrivateKeyFileName));
        using var gateway = GrpcChannel.ForAddress(stack.GatewayAddress);
        var access = new AccessService.AccessServiceClient(gateway);
        var asRecords = new Metadata { { "authorization", "Bearer " + issuer.Mint("svc:records", TimeSpan.FromHours(1)) } };
        var check = new CheckRequest { Principal = CommuneDataset.SubjectOf(participant), Action = AccessAction.ReadCase, View = View.Named, Resource = resource };
        var attempts = 0;
        var refusal = "";
        while (clock.Elapsed < timeout)
        {
            attempts++;
            try
            {
                var answer = await access.CheckAsync(check, asRecords, cancellationToken: ct);
                if (answer.Outcome == Outcome.Allow)
                {
                    var allowedAt = clock.Elapsed;
                    var stranger = await access.CheckAsync(new CheckRequest(check) { Principal = "dataset-stranger" }, asRecords, cancellationToken: ct);
                    var figures = new Figures(serving, allowedAt, attempts, stranger.Outcome);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"access decides on the generated commune {figures.ToFirstAllow.TotalSeconds:F1} s after launch ({attempts} checks; named view of person {person + 1} for participant {participant + 1})"));
                    output.WriteLine($"a caller the registry does not know: {stranger.Outcome} ({stranger.Reason})");
                    output.WriteLine(LoadCommand.MemoryAtRest(stack));
                    return figures;
                }

                refusal = answer.Reason;
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable)
            {
                // ACC-7: the view has not caught up with the feeds yet.
                refusal = ex.Status.Detail;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), ct);
        }

        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"access did not allow the generated member within {timeout.TotalSeconds:F0} s; last refusal: {refusal}"));
    }

    // The first row of a query on a service's database, read-only and outside any pool.
    private static object[] Row(string directory, string service, string sql, string? subjectRef)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, service + ".db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@s", (object?)subjectRef ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            throw new InvalidOperationException($"nothing in {service}.db for: {sql}");
        }

        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }
}
