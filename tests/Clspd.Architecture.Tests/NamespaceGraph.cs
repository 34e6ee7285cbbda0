using System.Reflection;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Clspd.Architecture.Tests;

/// <summary>
/// Which namespace of an assembly uses which, read from the compiled code with Mono.Cecil (which
/// NetArchTest reads with): a type uses every type named in its signatures, attributes, locals and
/// instructions; nested and compiler-generated types (closures, async state machines) count for
/// the type they are declared in. Only namespaces under the root, defined in the assembly, count.
/// </summary>
public sealed class NamespaceGraph
{
    // namespace → used namespace → one use, "Type → Type", to name in a failure.
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    public IEnumerable<string> Namespaces => _edges.Keys;

    public static NamespaceGraph Read(Assembly assembly, string root)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var graph = new NamespaceGraph();
        var types = module.GetTypes().ToList();
        var owned = types.Select(t => NamespaceOf(t)).Where(ns => Under(ns, root)).ToHashSet(StringComparer.Ordinal);
        foreach (var ns in owned)
        {
            graph._edges[ns] = new SortedDictionary<string, string>(StringComparer.Ordinal);
        }

        foreach (var type in types)
        {
            var from = NamespaceOf(type);
            if (!owned.Contains(from))
            {
                continue;
            }

            foreach (var used in Uses(type))
            {
                var to = NamespaceOf(used);
                if (to != from && owned.Contains(to) && used.Scope == module)
                {
                    graph._edges[from].TryAdd(to, $"{Outermost(type).Name} uses {Outermost(used).Name}");
                }
            }
        }

        return graph;
    }

    /// <summary>Whether namespace <paramref name="from"/> uses <paramref name="to"/> directly.</summary>
    public bool Uses(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    /// <summary>One cycle per strongly connected group of namespaces, as a path back to its start, each step with one use.</summary>
    public IReadOnlyList<string> Cycles()
    {
        var cycles = new List<string>();
        foreach (var group in StronglyConnected().Where(g => g.Count > 1))
        {
            var start = group.Min(StringComparer.Ordinal)!;
            var path = ShortestPathBack(start, group.ToHashSet(StringComparer.Ordinal));
            var steps = path.Zip(path.Skip(1), (a, b) => $"{a} → {b} ({_edges[a][b]})");
            cycles.Add(string.Join("; ", steps));
        }

        return cycles;
    }

    private List<string> ShortestPathBack(string start, HashSet<string> group)
    {
        var parent = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in _edges[node].Keys.Where(group.Contains))
            {
                if (next == start)
                {
                    var back = new List<string> { start };
                    for (var at = node; at != start; at = parent[at])
                    {
                        back.Add(at);
                    }

                    back.Add(start);
                    back.Reverse();
                    return back;
                }

                if (next != start && parent.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return [start, start];
    }

    // Tarjan's algorithm, iterative enough for a service's few namespaces.
    private List<List<string>> StronglyConnected()
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var groups = new List<List<string>>();
        var counter = 0;

        void Visit(string node)
        {
            index[node] = low[node] = counter++;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in _edges[node].Keys)
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                groups.Add(group);
            }
        }

        foreach (var node in _edges.Keys.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return groups;
    }

    private static bool Under(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static string NamespaceOf(TypeReference type) => Outermost(type).Namespace;

    // Every type a type names: its own signatures and attributes, and those of its members and their bodies.
    private static IEnumerable<TypeReference> Uses(TypeDefinition type)
    {
        var named = new List<TypeReference?> { type.BaseType };
        named.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        named.AddRange(type.CustomAttributes.Select(a => a.AttributeType));
        named.AddRange(type.Fields.Select(f => f.FieldType));
        named.AddRange(type.Properties.Select(p => p.PropertyType));
        named.AddRange(type.Events.Select(e => e.EventType));
        foreach (var method in type.Methods)
        {
            named.Add(method.ReturnType);
            named.AddRange(method.Parameters.Select(p => p.ParameterType));
            named.AddRange(method.CustomAttributes.Select(a => a.AttributeType));
            if (!method.HasBody)
            {
                continue;
            }

            named.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions)
            {
                named.AddRange(Operand(instruction));
            }
        }

        return named.OfType<TypeReference>().SelectMany(Unwrap);
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference t => [t],
        MethodReference m => [m.DeclaringType, m.ReturnType, .. m.Parameters.Select(p => p.ParameterType),
            .. (m as GenericInstanceMethod)?.GenericArguments ?? []],
        FieldReference f => [f.DeclaringType, f.FieldType],
        _ => [],
    };

    // Generic instances, arrays and references name their element and argument types.
    private static IEnumerable<TypeReference> Unwrap(TypeReference type)
    {
        switch (type)
        {
            case GenericInstanceType generic:
                foreach (var t in Unwrap(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Unwrap)))
                {
                    yield return t;
                }

                break;
            case TypeSpecification specification:
                foreach (var t in Unwrap(specification.ElementType))
                {
                    yield return t;
                }

                break;
            case GenericParameter:
                break;
            default:
                yield return type;
                break;
        }
    }
}
