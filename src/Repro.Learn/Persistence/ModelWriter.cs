using System.Text;

namespace Repro.Learn;

/// <summary>Writes the header and typed arrays of the model format.</summary>
internal sealed class ModelWriter : IDisposable
{
    private readonly BinaryWriter writer;

    private ModelWriter(Stream stream)
    {
        writer = new BinaryWriter(stream, new UTF8Encoding(false), leaveOpen: true);
    }

    public static ModelWriter Begin(Stream stream, string kind, IReadOnlyList<string> classes, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var w = new ModelWriter(stream);
        w.writer.Write(ModelReader.Magic);
        w.writer.Write(ModelFile.FormatVersion);
        w.writer.Write(kind);
        w.Strings(classes);
        w.Strings(featureNames);
        return w;
    }

    public void Int(int value) => writer.Write(value);

    public void Bool(bool value) => writer.Write(value);

    public void Double(double value) => writer.Write(value);

    public void Text(string value) => writer.Write(value);

    public void Doubles(ReadOnlySpan<double> values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    public void Ints(ReadOnlySpan<int> values)
    {
        writer.Write(values.Length);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    public void Strings(IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var v in values)
        {
            writer.Write(v);
        }
    }

    public void Dispose() => writer.Dispose();
}
