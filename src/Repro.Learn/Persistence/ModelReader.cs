using System.Text;

namespace Repro.Learn;

/// <summary>Reads what <see cref="ModelWriter"/> wrote, checking every length it reads.</summary>
internal sealed class ModelReader : IDisposable
{
    public static readonly byte[] Magic = "REPROLRN"u8.ToArray();

    private readonly BinaryReader reader;

    private ModelReader(Stream stream)
    {
        reader = new BinaryReader(stream, new UTF8Encoding(false), leaveOpen: true);
    }

    public IReadOnlyList<string> Classes { get; private set; } = [];

    public IReadOnlyList<string> FeatureNames { get; private set; } = [];

    public static ModelReader Open(Stream stream, out string kind)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var r = new ModelReader(stream);
        try
        {
            var magic = r.reader.ReadBytes(Magic.Length);
            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw Bad("it does not start with REPROLRN, so it is not a Repro.Learn model");
            }

            var version = r.reader.ReadInt32();
            if (version != ModelFile.FormatVersion)
            {
                throw Bad($"it has format version {version}; this library reads version {ModelFile.FormatVersion}");
            }

            kind = r.reader.ReadString();
            r.Classes = r.Strings();
            r.FeatureNames = r.Strings();
            return r;
        }
        catch (EndOfStreamException)
        {
            r.Dispose();
            throw Bad("it ends too early");
        }
        catch
        {
            r.Dispose();
            throw;
        }
    }

    public static ModelReader Open(Stream stream, string expectedKind)
    {
        var r = Open(stream, out var kind);
        if (kind != expectedKind)
        {
            r.Dispose();
            throw Bad($"it holds a {kind} model, not a {expectedKind} model; load it with ModelFile.Load");
        }

        return r;
    }

    public static InvalidOptionException Bad(string why) =>
        new(ErrorCodes.BadModelFile, "stream", $"cannot read the model: {why}. Save the model again with this version of Repro.Learn.");

    public int Int() => Guard(reader.ReadInt32);

    public bool Bool() => Guard(reader.ReadBoolean);

    public double Double() => Guard(reader.ReadDouble);

    public string Text() => Guard(reader.ReadString);

    public double[] Doubles()
    {
        var values = new double[Length()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Double();
        }

        return values;
    }

    public int[] Ints()
    {
        var values = new int[Length()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Int();
        }

        return values;
    }

    public string[] Strings()
    {
        var values = new string[Length()];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Text();
        }

        return values;
    }

    public void Dispose() => reader.Dispose();

    private int Length()
    {
        var length = Int();
        var remaining = reader.BaseStream.CanSeek ? reader.BaseStream.Length - reader.BaseStream.Position : long.MaxValue;
        if (length < 0 || length > remaining)
        {
            throw Bad($"it declares {length} items where only {remaining} bytes remain");
        }

        return length;
    }

    private static T Guard<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (EndOfStreamException)
        {
            throw Bad("it ends too early");
        }
    }
}
