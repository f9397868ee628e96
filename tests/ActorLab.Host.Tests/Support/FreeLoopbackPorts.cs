using System.Net;
using System.Net.Sockets;

namespace ActorLab.Host.Tests.Support;

/// <summary>Free TCP ports on 127.0.0.1 for servers a test starts.</summary>
public static class FreeLoopbackPorts
{
    /// <summary><paramref name="count"/> distinct free ports (all held open together while chosen, so none repeats).</summary>
    public static int[] Take(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(l => l.Start());
            return listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        }
        finally
        {
            listeners.ForEach(l => l.Stop());
        }
    }
}
