using System.Net;
using System.Net.Sockets;
using System.Text;
using Symroute.Host;

namespace Symroute.Tests.Lab;

/// <summary>
/// A TCP listener bound inside a namespace that answers every connection with one line
/// (<see cref="Greeting"/>) and then keeps it open until the peer closes it, so that a client can
/// both probe a new connection and hold a long-lived one. Stops on Dispose.
/// </summary>
public sealed class LabListener : IDisposable
{
    public const string Greeting = "hello";

    private readonly TcpListener _listener;
    private readonly Task _serving;

    public IPEndPoint EndPoint { get; }

    private LabListener(TcpListener listener, IPEndPoint endPoint)
    {
        _listener = listener;
        EndPoint = endPoint;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>Listens on <paramref name="address"/>:<paramref name="port"/> inside <paramref name="ns"/> (the socket keeps the namespace it was created in).</summary>
    public static LabListener Start(Netns ns, string address, int port)
    {
        var endPoint = new IPEndPoint(IPAddress.Parse(address), port);
        var listener = NetnsScope.Run(ns.Name, () =>
        {
            var l = new TcpListener(endPoint);
            l.Start();
            return l;
        });
        return new LabListener(listener, endPoint);
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            TcpClient c;
            try
            {
                c = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException or InvalidOperationException)
            {
                return; // stopped
            }
            _ = Task.Run(async () =>
            {
                using (c)
                {
                    try
                    {
                        var stream = c.GetStream();
                        await stream.WriteAsync(Encoding.ASCII.GetBytes(Greeting + "\n"));
                        // Echo until the peer closes: a held connection can prove it still works.
                        var buffer = new byte[256];
                        int n;
                        while ((n = await stream.ReadAsync(buffer)) > 0)
                            await stream.WriteAsync(buffer.AsMemory(0, n));
                    }
                    catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
                    {
                    }
                }
            });
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
