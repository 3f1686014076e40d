using System.Runtime.InteropServices;

namespace Symroute.Simulation.Fib;

/// <summary>
/// One internal node of a <see cref="Poptrie"/> (Asai and Ohara, "Poptrie: A Compressed Trie with
/// Population Count for Fast and Scalable Software IP Routing Table Lookup", SIGCOMM 2015): 64
/// slots for the next 6 address bits. Children and leaves are stored contiguously elsewhere and
/// found by counting set bits below the slot, so a node costs 24 bytes whatever its fan-out.
/// </summary>
/// <param name="Vector">Bit v set: slot v continues in a child node.</param>
/// <param name="Leafvec">Bit v set: a new run of equal leaves starts at slot v (slots with a child are skipped).</param>
/// <param name="Base0">Index of this node's first leaf, minus one (so lookup adds the popcount directly).</param>
/// <param name="Base1">Index of this node's first child, minus one.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct PoptrieNode(ulong Vector, ulong Leafvec, int Base0, int Base1);
