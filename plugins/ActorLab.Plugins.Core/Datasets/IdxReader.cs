using System.Buffers.Binary;
using System.IO.Compression;

namespace ActorLab.Plugins.Core.Datasets;

/// <summary>
/// Reads the IDX format of LeCun's MNIST files (and Fashion-MNIST): a big-endian magic number whose third
/// byte is the element type (0x08 = unsigned byte) and fourth the number of dimensions, then one big-endian
/// int32 per dimension, then the data. Gzip-compressed files are detected by their magic bytes.
/// </summary>
internal static class IdxReader
{
    public static (int[] Dimensions, byte[] Data) ReadBytes(string path)
    {
        using var raw = File.OpenRead(path);
        Span<byte> probe = stackalloc byte[2];
        var gzip = raw.Read(probe) == 2 && probe[0] == 0x1f && probe[1] == 0x8b;
        raw.Position = 0;
        using Stream stream = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw;

        Span<byte> header = stackalloc byte[4];
        stream.ReadExactly(header);
        if (header[0] != 0 || header[1] != 0 || header[2] != 0x08)
        {
            throw new InvalidDataException($"{path}: not an IDX file of unsigned bytes (magic {header[0]:x2}{header[1]:x2}{header[2]:x2}{header[3]:x2})");
        }

        var dimensions = new int[header[3]];
        for (var i = 0; i < dimensions.Length; i++)
        {
            stream.ReadExactly(header);
            dimensions[i] = BinaryPrimitives.ReadInt32BigEndian(header);
        }

        var count = dimensions.Aggregate(1L, (a, d) => a * d);
        var data = new byte[count];
        stream.ReadExactly(data);
        return (dimensions, data);
    }
}
