using System.Net.Sockets;

namespace Slotted.FaultTests.Infrastructure;

/// <summary>One client connection of a <see cref="FaultProxy"/> and its connection to the target.</summary>
internal sealed record ProxiedConnection(Socket Client, Socket Server);
