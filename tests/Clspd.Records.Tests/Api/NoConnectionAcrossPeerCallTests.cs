using System.Collections.Concurrent;
using Clspd.Records.V1;
using Clspd.Testing;
using Microsoft.Data.Sqlite;

namespace Clspd.Records.Tests.Api;

/// <summary>
/// A database connection is never held while another service answers: records reads its facts in
/// one session, closes it, asks the peer, then opens a new session. Proved on a records database
/// without connection pooling, where an open connection is an open file descriptor of the database
/// file: every call to access, the registry or consent counts them while it is in progress.
/// </summary>
public sealed class NoConnectionAcrossPeerCallTests(RecordsServices services) : IClassFixture<RecordsServices>
{
    [Fact]
    public async Task EveryRpcOfACase_NoConnectionOpenWhileAPeerAnswers()
    {
        Assert.SkipUnless(Directory.Exists("/proc/self/fd"), "open connections are counted through /proc/self/fd (Linux)");
        var directory = Path.Combine(Path.GetTempPath(), "clspd-no-connection-" + Guid.NewGuid().ToString("N")[..8]);
        var file = Path.Combine(directory, "records.db");
        var seen = new ConcurrentQueue<(string Method, int Open)>();
        HttpMessageHandler Counting(HttpMessageHandler inner) => new CountingHandler(inner, file, seen);
        try
        {
            await using var host = services.CreateRecords(
                () => Counting(services.Access.Server.CreateHandler()),
                () => Counting(services.Consent.Server.CreateHandler()),
                () => Counting(services.Registry.Server.CreateHandler()),
                () => Counting(services.Consent.Server.CreateHandler()),
                new Dictionary<string, string?>
                {
                    // Counted as open descriptors of the SQLite file, whatever provider the other hosts run on.
                    ["Database:Provider"] = "Sqlite",
                    ["Database:ConnectionString"] = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false, ForeignKeys = true }.ToString(),
                });
            await host.WaitReadyAsync();
            // The count sees an open connection: one opened here is one descriptor more, none once it is closed.
            await using (var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
            {
                await probe.OpenAsync(TestContext.Current.CancellationToken);
                Assert.Equal(1, CountingHandler.OpenDescriptors(file));
            }

            Assert.Equal(0, CountingHandler.OpenDescriptors(file));
            var s = await new RecordsScenario(services, host.Channel).CouncilAsync();
            var opened = await s.CaseAsync();
            await s.ReferralAsync(opened.Id);
            await s.Records.GetCaseAsync(new GetCaseRequest { CaseId = opened.Id }, s.AsMember);
            await new BodyService.BodyServiceClient(host.Channel).MoveCaseAsync(new MoveCaseRequest
            {
                RequestId = RecordsScenario.NewId(), CaseId = opened.Id, TargetGroupId = (await s.Commune.GroupAsync(s.Council, Registry.V1.GroupKind.Cddf)).Id,
                Reason = MoveReason.ParentalResponsibility,
            }, s.AsCoordinator);
            await new SubjectRightsService.SubjectRightsServiceClient(host.Channel).ExportSubjectFileAsync(new ExportSubjectFileRequest { SubjectRef = opened.SubjectRef }, s.AsCoordinator);

            Assert.Contains(seen, c => c.Method == "/clspd.access.v1.AccessService/Check");
            Assert.Contains(seen, c => c.Method == "/clspd.registry.v1.RegistryService/GetGroup");
            Assert.Contains(seen, c => c.Method == "/clspd.consent.v1.SubjectService/PutSubject");
            Assert.DoesNotContain(seen, c => c.Open > 0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the directory is under the temporary folder.
            }
        }
    }

    /// <summary>Forwards to a peer's test server, first counting the records database file's open descriptors (its open connections).</summary>
    private sealed class CountingHandler(HttpMessageHandler inner, string file, ConcurrentQueue<(string Method, int Open)> seen) : HttpMessageHandler
    {
        private readonly HttpMessageInvoker _inner = new(inner);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            seen.Enqueue((request.RequestUri!.AbsolutePath, OpenDescriptors(file)));
            return _inner.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            _inner.Dispose();
            base.Dispose(disposing);
        }

        public static int OpenDescriptors(string file)
        {
            var count = 0;
            foreach (var fd in Directory.EnumerateFiles("/proc/self/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget == file)
                    {
                        count++;
                    }
                }
                catch (IOException)
                {
                    // Closed meanwhile.
                }
            }

            return count;
        }
    }
}
