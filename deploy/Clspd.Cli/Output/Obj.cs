using Google.Protobuf.WellKnownTypes;

namespace Clspd.Cli.Output;

/// <summary>A small JSON object for answers that are not a gRPC message (login, demo summary).</summary>
public static class Obj
{
    public static Struct Of(params (string Name, object? Value)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var result = new Struct();
        foreach (var (name, value) in fields)
        {
            result.Fields[name] = ValueOf(value);
        }

        return result;
    }

    public static Value ValueOf(object? value) => value switch
    {
        null => Value.ForNull(),
        string s => Value.ForString(s),
        bool b => Value.ForBool(b),
        int i => Value.ForNumber(i),
        long l => Value.ForNumber(l),
        double d => Value.ForNumber(d),
        Struct s => Value.ForStruct(s),
        Value v => v,
        IEnumerable<string> list => Value.ForList([.. list.Select(Value.ForString)]),
        IEnumerable<Struct> list => Value.ForList([.. list.Select(Value.ForStruct)]),
        _ => Value.ForString(value.ToString()),
    };
}
