// Peak memory of one cross-entropy forward and backward over a large vocabulary, naive (N x V logits) or chunked.
// Usage: dotnet run -c Release -- <naive|chunked> <V> [N=4096] [D=256] [block=4096]. Prints one JSON line.
using System.Diagnostics;
using System.Globalization;
using ActorLab.Plugins.Losses.LargeVocabulary;
using TorchSharp;
using static TorchSharp.torch;

var mode = args[0];
var v = int.Parse(args[1], CultureInfo.InvariantCulture);
var n = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4096;
var d = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 256;
var block = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 4096;

random.manual_seed(1);
var e = (randn(n, d) * 0.1f).requires_grad_();
var c = (randn(v, d) * 0.1f).requires_grad_();
var targets = randint(0, v, [n], dtype: ScalarType.Int64);
var before = Kilobytes("VmRSS");
ResetPeak();
var clock = Stopwatch.StartNew();
var loss = mode switch
{
    "naive" => nn.functional.cross_entropy(e.matmul(c.t()), targets),
    "chunked" => ChunkedCrossEntropy.Compute(e, c, targets, block),
    _ => throw new ArgumentException("mode must be naive or chunked"),
};
loss.backward();
var seconds = clock.Elapsed.TotalSeconds;
var peak = Kilobytes("VmHWM");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{{\"mode\": \"{mode}\", \"V\": {v}, \"N\": {n}, \"D\": {d}, \"block\": {block}, \"loss\": {loss.item<float>():R}, \"gradENorm\": {e.grad!.norm().item<float>():R}, \"extraPeakMiB\": {(peak - before) / 1024.0:F1}, \"seconds\": {seconds:F2}}}"));

static long Kilobytes(string field) =>
    long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

// Writing 5 to clear_refs resets VmHWM to the current RSS, so the peak measured is the loss's alone.
static void ResetPeak() => File.WriteAllText("/proc/self/clear_refs", "5");
