// Marks one symbol-version requirement of an ELF64 shared library as weak.
//
// Why this exists: TorchSharp 0.107.0's native wrapper libLibTorchSharp.so was linked with
// GCC 13's libstdc++. Since GCC 13, <iostream> makes every translation unit reference
// std::ios_base_library_init() (_ZSt21ios_base_library_initv) so that the stream objects get
// initialised. That symbol only exists from GLIBCXX_3.4.32 on, so the library's
// .gnu.version_r section records a requirement for GLIBCXX_3.4.32 of libstdc++.so.6. The
// reference is only a version pin: no relocation uses the symbol and nothing calls it. Debian 12
// ships libstdc++ up to GLIBCXX_3.4.30, so the dynamic loader refuses to load the library
// ("version `GLIBCXX_3.4.32' not found") and TorchSharp fails with a TypeInitializationException.
//
// Setting VER_FLG_WEAK on that one Vernaux entry turns the hard failure into a non-fatal
// condition that the loader only reports in verbose mode; every other version requirement stays
// strict. The patch is applied to the copy of the library in a build or publish output, never to
// the NuGet package cache.
//
// This file is compiled twice: by MSBuild's RoslynCodeTaskFactory (build/TorchSharpNative.targets),
// which compiles against netstandard 2.0 reference assemblies, and by the test project. So it keeps
// to one file, puts its usings at the top, and uses only netstandard 2.0 BCL APIs.

#nullable enable

using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;

namespace ActorLab.Build
{
    /// <summary>What <see cref="ElfVersionNeedPatcher.MarkVersionNeedWeak"/> found and did.</summary>
    public enum ElfPatchOutcome
    {
        /// <summary>At least one matching requirement was strict and has been marked weak; the file was rewritten.</summary>
        Patched,

        /// <summary>Every matching requirement was already weak; the file was not touched.</summary>
        AlreadyWeak,

        /// <summary>The file does not require that version at all; the file was not touched.</summary>
        NotReferenced,
    }

    /// <summary>The result of marking a version requirement weak in one file.</summary>
    public sealed class ElfPatchResult
    {
        internal ElfPatchResult(string path, string versionName, ElfPatchOutcome outcome, IReadOnlyList<ElfVersionNeedMatch> matches)
        {
            Path = path;
            VersionName = versionName;
            Outcome = outcome;
            Matches = matches;
        }

        /// <summary>The file that was inspected.</summary>
        public string Path { get; }

        /// <summary>The version name that was looked for, for example GLIBCXX_3.4.32.</summary>
        public string VersionName { get; }

        /// <summary>Whether the file was patched, already weak, or does not reference the version.</summary>
        public ElfPatchOutcome Outcome { get; }

        /// <summary>Every Vernaux entry whose name matched (empty when the version is not referenced).</summary>
        public IReadOnlyList<ElfVersionNeedMatch> Matches { get; }

        /// <summary>A one-line, human-readable description for build logs.</summary>
        public override string ToString()
        {
            switch (Outcome)
            {
                case ElfPatchOutcome.Patched:
                    return $"{Path}: marked the {VersionName} requirement on {DescribeLibraries()} as weak.";
                case ElfPatchOutcome.AlreadyWeak:
                    return $"{Path}: the {VersionName} requirement on {DescribeLibraries()} is already weak.";
                default:
                    return $"{Path}: does not require {VersionName}; nothing to patch.";
            }
        }

        private string DescribeLibraries()
        {
            var names = new List<string>();
            foreach (ElfVersionNeedMatch match in Matches)
            {
                if (!names.Contains(match.LibraryName))
                {
                    names.Add(match.LibraryName);
                }
            }

            return string.Join(", ", names);
        }
    }

    /// <summary>One Vernaux entry that matched the requested version name.</summary>
    public sealed class ElfVersionNeedMatch
    {
        internal ElfVersionNeedMatch(string libraryName, long flagsFileOffset, ushort originalFlags, ushort newFlags)
        {
            LibraryName = libraryName;
            FlagsFileOffset = flagsFileOffset;
            OriginalFlags = originalFlags;
            NewFlags = newFlags;
        }

        /// <summary>The needed library the requirement belongs to (vn_file), for example libstdc++.so.6.</summary>
        public string LibraryName { get; }

        /// <summary>File offset of the 2-byte little-endian vna_flags field.</summary>
        public long FlagsFileOffset { get; }

        /// <summary>vna_flags as found in the file.</summary>
        public ushort OriginalFlags { get; }

        /// <summary>vna_flags after the call (equal to <see cref="OriginalFlags"/> when nothing changed).</summary>
        public ushort NewFlags { get; }
    }

    /// <summary>Edits the GNU version-needs section (.gnu.version_r) of ELF64 little-endian files.</summary>
    public static class ElfVersionNeedPatcher
    {
        /// <summary>VER_FLG_WEAK: a missing version is reported but is not fatal.</summary>
        public const ushort VerFlagWeak = 0x2;

        private const uint ShtStrtab = 3;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort ShnXindex = 0xffff;
        private const int ElfHeaderSize = 64;
        private const int SectionHeaderSize = 64;
        private const int VerneedSize = 16;
        private const int VernauxSize = 16;

        /// <summary>
        /// Sets VER_FLG_WEAK on every Vernaux entry named <paramref name="versionName"/> in the file at
        /// <paramref name="path"/>, rewriting the file only when a flag actually changes.
        /// </summary>
        /// <remarks>
        /// The new content is written to a temporary file in the same folder and then renamed over
        /// <paramref name="path"/>. That never writes through a hard link or symbolic link, so a build
        /// output that links to the NuGet cache (CreateHardLinksForCopyLocalIfPossible) cannot corrupt it.
        /// </remarks>
        /// <exception cref="InvalidDataException">The file is not an ELF64 little-endian file or is malformed.</exception>
        public static ElfPatchResult MarkVersionNeedWeak(string path, string versionName)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            if (string.IsNullOrEmpty(versionName)) throw new ArgumentException("A version name is required.", nameof(versionName));

            List<ElfVersionNeedMatch> found;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                found = FindVersionNeeds(new ElfReader(stream, path), versionName);
            }

            if (found.Count == 0)
            {
                return new ElfPatchResult(path, versionName, ElfPatchOutcome.NotReferenced, found);
            }

            var matches = new List<ElfVersionNeedMatch>();
            bool changed = false;
            foreach (ElfVersionNeedMatch match in found)
            {
                ushort newFlags = (ushort)(match.OriginalFlags | VerFlagWeak);
                changed |= newFlags != match.OriginalFlags;
                matches.Add(new ElfVersionNeedMatch(match.LibraryName, match.FlagsFileOffset, match.OriginalFlags, newFlags));
            }

            if (!changed)
            {
                return new ElfPatchResult(path, versionName, ElfPatchOutcome.AlreadyWeak, matches);
            }

            WriteFlags(path, matches);
            return new ElfPatchResult(path, versionName, ElfPatchOutcome.Patched, matches);
        }

        private static List<ElfVersionNeedMatch> FindVersionNeeds(ElfReader elf, string versionName)
        {
            // ELF header (Elf64_Ehdr): identification first, then the section header table fields.
            byte[] magic = elf.Read(0, Math.Min(4, elf.Length), "ELF magic number");
            if (magic.Length < 4 || magic[0] != 0x7f || magic[1] != (byte)'E' || magic[2] != (byte)'L' || magic[3] != (byte)'F')
            {
                throw elf.Error("is not an ELF file (no \\x7fELF magic number)");
            }

            byte[] header = elf.Read(0, ElfHeaderSize, "ELF header");

            if (header[4] != 2)
            {
                throw elf.Error($"is not a 64-bit ELF file (EI_CLASS is {header[4]}, expected 2 = ELFCLASS64)");
            }

            if (header[5] != 1)
            {
                throw elf.Error($"is not a little-endian ELF file (EI_DATA is {header[5]}, expected 1 = ELFDATA2LSB)");
            }

            ulong shoff = ReadUInt64(header, 0x28);
            ushort shentsize = ReadUInt16(header, 0x3A);
            ulong shnum = ReadUInt16(header, 0x3C);
            if (shoff == 0)
            {
                throw elf.Error("has no section header table, so .gnu.version_r cannot be located");
            }

            if (shentsize != SectionHeaderSize)
            {
                throw elf.Error($"has e_shentsize {shentsize}, expected {SectionHeaderSize}");
            }

            // Extended numbering: with 0xff00 or more sections, e_shnum is 0 and section 0's sh_size holds the count.
            if (shnum == 0)
            {
                shnum = new SectionHeader(elf.Read(shoff, SectionHeaderSize, "section header 0")).Size;
            }

            if (shnum > (ulong)(elf.Length / SectionHeaderSize))
            {
                throw elf.Error($"claims {shnum} section headers, more than the file can hold");
            }

            byte[] table = elf.Read(shoff, (long)shnum * SectionHeaderSize, "section header table");
            var sections = new List<SectionHeader>();
            for (int i = 0; i < (int)shnum; i++)
            {
                sections.Add(new SectionHeader(table, i * SectionHeaderSize));
            }

            var matches = new List<ElfVersionNeedMatch>();
            foreach (SectionHeader verneed in sections)
            {
                if (verneed.Type != ShtGnuVerneed)
                {
                    continue;
                }

                // Library and version names live in the string table named by sh_link (.dynstr).
                if (verneed.Link == 0 || verneed.Link == ShnXindex || verneed.Link >= (ulong)sections.Count || sections[(int)verneed.Link].Type != ShtStrtab)
                {
                    throw elf.Error($"has a version-needs section that links to section {verneed.Link}, which is not a string table");
                }

                SectionHeader strtabHeader = sections[(int)verneed.Link];
                byte[] strtab = elf.Read(strtabHeader.Offset, checked((long)strtabHeader.Size), "dynamic string table");
                byte[] data = elf.Read(verneed.Offset, checked((long)verneed.Size), "version-needs section");
                WalkVerneed(elf, data, verneed, strtab, versionName, matches);
            }

            return matches;
        }

        private static void WalkVerneed(ElfReader elf, byte[] data, SectionHeader section, byte[] strtab, string versionName, List<ElfVersionNeedMatch> matches)
        {
            // sh_info holds the number of Elf64_Verneed entries; each entry chains to the next via vn_next.
            long need = 0;
            for (uint i = 0; i < section.Info; i++)
            {
                CheckRange(elf, data, need, VerneedSize, "Verneed entry");
                ushort vnVersion = ReadUInt16(data, need);
                ushort vnCnt = ReadUInt16(data, need + 2);
                uint vnFile = ReadUInt32(data, need + 4);
                uint vnAux = ReadUInt32(data, need + 8);
                uint vnNext = ReadUInt32(data, need + 12);
                if (vnVersion != 1)
                {
                    throw elf.Error($"has a Verneed entry with vn_version {vnVersion}, expected 1");
                }

                string library = ReadString(elf, strtab, vnFile);

                // vn_cnt Elf64_Vernaux entries follow at vn_aux (relative to this Verneed), chained via vna_next.
                long aux = need + vnAux;
                for (int j = 0; j < vnCnt; j++)
                {
                    CheckRange(elf, data, aux, VernauxSize, "Vernaux entry");
                    ushort vnaFlags = ReadUInt16(data, aux + 4);
                    uint vnaName = ReadUInt32(data, aux + 8);
                    uint vnaNext = ReadUInt32(data, aux + 12);
                    if (ReadString(elf, strtab, vnaName) == versionName)
                    {
                        long flagsOffset = (long)section.Offset + aux + 4;
                        matches.Add(new ElfVersionNeedMatch(library, flagsOffset, vnaFlags, vnaFlags));
                    }

                    if (vnaNext == 0)
                    {
                        break;
                    }

                    aux += vnaNext;
                }

                if (vnNext == 0)
                {
                    break;
                }

                need += vnNext;
            }
        }

        private static void WriteFlags(string path, List<ElfVersionNeedMatch> matches)
        {
            // Copy, patch the copy, then rename it over the original: the rename replaces the directory
            // entry, so a hard or symbolic link into the NuGet cache is broken instead of written through.
            // File.Copy keeps the permission bits.
            string fullPath = Path.GetFullPath(path);
            string temp = Path.Combine(Path.GetDirectoryName(fullPath) ?? ".", "." + Path.GetFileName(fullPath) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            File.Copy(fullPath, temp, overwrite: false);
            try
            {
                using (var stream = new FileStream(temp, FileMode.Open, FileAccess.Write, FileShare.None))
                {
                    foreach (ElfVersionNeedMatch match in matches)
                    {
                        stream.Position = match.FlagsFileOffset;
                        stream.WriteByte((byte)match.NewFlags);
                        stream.WriteByte((byte)(match.NewFlags >> 8));
                    }
                }

                File.Replace(temp, fullPath, destinationBackupFileName: null);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }

        private static string ReadString(ElfReader elf, byte[] strtab, uint offset)
        {
            int end = offset < strtab.Length ? Array.IndexOf(strtab, (byte)0, (int)offset) : -1;
            if (end < 0)
            {
                throw elf.Error($"has a name at string table offset {offset} that is outside the table or not terminated");
            }

            return Encoding.UTF8.GetString(strtab, (int)offset, end - (int)offset);
        }

        private static void CheckRange(ElfReader elf, byte[] data, long offset, int size, string what)
        {
            if (offset < 0 || offset + size > data.Length)
            {
                throw elf.Error($"has a {what} at section offset {offset} that runs past the end of the version-needs section");
            }
        }

        // ELF64 little-endian fields, read without BinaryPrimitives, which is not in netstandard 2.0.
        private static ushort ReadUInt16(byte[] b, long i) => (ushort)(b[i] | b[i + 1] << 8);

        private static uint ReadUInt32(byte[] b, long i) => (uint)(b[i] | b[i + 1] << 8 | b[i + 2] << 16 | b[i + 3] << 24);

        private static ulong ReadUInt64(byte[] b, long i) => ReadUInt32(b, i) | (ulong)ReadUInt32(b, i + 4) << 32;

        /// <summary>The Elf64_Shdr fields this patcher needs.</summary>
        private readonly struct SectionHeader
        {
            public SectionHeader(byte[] table, int start = 0)
            {
                Type = ReadUInt32(table, start + 4);
                Offset = ReadUInt64(table, start + 24);
                Size = ReadUInt64(table, start + 32);
                Link = ReadUInt32(table, start + 40);
                Info = ReadUInt32(table, start + 44);
            }

            public uint Type { get; }

            public ulong Offset { get; }

            public ulong Size { get; }

            public uint Link { get; }

            public uint Info { get; }
        }

        /// <summary>Bounds-checked random access to the file, with errors that name it.</summary>
        private sealed class ElfReader
        {
            private readonly Stream _stream;
            private readonly string _path;

            public ElfReader(Stream stream, string path)
            {
                _stream = stream;
                _path = path;
                Length = stream.Length;
            }

            public long Length { get; }

            public byte[] Read(ulong offset, long count, string what)
            {
                if (count < 0 || offset > (ulong)Length || count > Length - (long)offset)
                {
                    throw Error($"is truncated or malformed: the {what} (offset {offset}, {count} bytes) lies outside the {Length}-byte file");
                }

                var buffer = new byte[count];
                _stream.Position = (long)offset;
                int read = 0;
                while (read < count)
                {
                    int n = _stream.Read(buffer, read, (int)count - read);
                    if (n == 0)
                    {
                        throw Error($"ended early while reading the {what}");
                    }

                    read += n;
                }

                return buffer;
            }

            public InvalidDataException Error(string problem) => new InvalidDataException($"'{_path}' {problem}.");
        }
    }

    /// <summary>
    /// MSBuild task: marks <see cref="VersionName"/> as a weak version requirement in each existing file
    /// of <see cref="Files"/>. Files that do not exist are skipped; patching an already weak file is a no-op.
    /// </summary>
    public class MarkElfVersionNeedWeak : Microsoft.Build.Utilities.Task
    {
        /// <summary>The ELF files to patch in place (copies in a build or publish output).</summary>
        [Required]
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>The version name to mark weak, for example GLIBCXX_3.4.32.</summary>
        [Required]
        public string VersionName { get; set; } = string.Empty;

        /// <inheritdoc />
        public override bool Execute()
        {
            foreach (ITaskItem item in Files)
            {
                // FullPath resolves relative item specs against the project folder, not the process's current folder.
                string path = item.GetMetadata("FullPath");
                if (!File.Exists(path))
                {
                    Log.LogMessage(MessageImportance.Low, $"{path}: not found; nothing to patch.");
                    continue;
                }

                try
                {
                    ElfPatchResult result = ElfVersionNeedPatcher.MarkVersionNeedWeak(path, VersionName);
                    MessageImportance importance = result.Outcome == ElfPatchOutcome.AlreadyWeak ? MessageImportance.Low : MessageImportance.Normal;
                    Log.LogMessage(importance, result.ToString());
                }
                catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
                {
                    Log.LogError($"Could not mark {VersionName} weak in {path}: {ex.Message}");
                }
            }

            return !Log.HasLoggedErrors;
        }
    }
}
