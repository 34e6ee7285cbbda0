extern alias access;
using access::Clspd.Access.Domain;
using BenchmarkDotNet.Attributes;
using Clspd.Access.V1;
using Clspd.Registry.V1;

namespace Clspd.Benchmarks.Micro;

/// <summary>The decision core alone: facts in, decision out (target ≤ 5 µs, no allocation on the warm path).</summary>
[MemoryDiagnoser]
public class DecisionCoreBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 10, 0, 0, TimeSpan.Zero);
    private AccessFacts _pseudonymous = null!;
    private AccessFacts _named = null!;
    private AccessFacts _deniedPolice = null!;

    [GlobalSetup]
    public void Setup()
    {
        DesignationFact D(Role role, InstitutionKind kind, string group) =>
            new(role, "council-1", group, kind, "", Now.AddDays(-30), Now.AddDays(300), null, true);
        var many = Enumerable.Range(0, 8).Select(i => D(Role.GroupMember, InstitutionKind.SpecialisedPrevention, "group-" + i)).ToList();
        _pseudonymous = new AccessFacts("alice", true, [.. many, D(Role.GroupMember, InstitutionKind.SpecialisedPrevention, "group-x")], AccessAction.ReadCase, View.Pseudonymous, "case-1", "council-1", "group-x", false, false, Now);
        _named = _pseudonymous with { View = View.Named, Informed = true, NamedDiscussionPermitted = true };
        _deniedPolice = new AccessFacts("bob", true, [D(Role.GroupMember, InstitutionKind.Police, "group-x")], AccessAction.ReadCase, View.Named, "case-1", "council-1", "group-x", true, true, Now);
    }

    [Benchmark(Baseline = true)]
    public AccessDecision AllowPseudonymous() => AccessPolicy.Decide(_pseudonymous);

    [Benchmark]
    public AccessDecision AllowNamed() => AccessPolicy.Decide(_named);

    [Benchmark]
    public AccessDecision DenyPoliceNamed() => AccessPolicy.Decide(_deniedPolice);
}
