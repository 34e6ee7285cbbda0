using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Clspd.Records.Persons;

/// <summary>
/// REC-1: a field unknown to this version of the contract (e.g. a social-security number sent by a
/// newer or hostile client) is refused rather than silently dropped.
/// </summary>
public static class Whitelist
{
    /// <summary>The path of the first message (this one or a nested one) carrying unknown fields, or null.</summary>
    public static string? FirstUnknown(IMessage message, string path)
    {
        if (message.CalculateSize() != KnownOnly(message).CalculateSize())
        {
            return path.Length == 0 ? "request" : path;
        }

        foreach (var field in message.Descriptor.Fields.InDeclarationOrder().Where(f => f.FieldType == FieldType.Message))
        {
            var value = field.Accessor.GetValue(message);
            var nested = field.IsRepeated ? ((System.Collections.IEnumerable)value).Cast<IMessage>().ToList() : value is IMessage m ? [m] : [];
            for (var i = 0; i < nested.Count; i++)
            {
                var name = (path.Length == 0 ? "" : path + ".") + field.Name + (field.IsRepeated ? $"[{i}]" : "");
                var found = FirstUnknown(nested[i], name);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        return null;
    }

    // A shallow copy holding only the declared fields.
    private static IMessage KnownOnly(IMessage message)
    {
        var copy = message.Descriptor.Parser.ParseFrom(ByteString.Empty);
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated)
            {
                var target = (System.Collections.IList)field.Accessor.GetValue(copy);
                foreach (var item in (System.Collections.IEnumerable)value)
                {
                    target.Add(item);
                }
            }
            else if (!field.HasPresence || field.Accessor.HasValue(message))
            {
                field.Accessor.SetValue(copy, value);
            }
        }

        return copy;
    }
}
