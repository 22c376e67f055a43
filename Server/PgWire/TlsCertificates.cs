using System.Net;
using IOx.Pg.Server.Hosting;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IOx.Pg.Server.PgWire;

/// <summary>
/// The pgwire TLS certificate: loaded from PEM files when configured, otherwise a self-signed
/// one generated on first start and kept in the data directory, so clients that pin it see the
/// same certificate after a restart.
/// </summary>
public static class TlsCertificates
{
    /// <summary>Validity of a generated certificate.</summary>
    private static readonly TimeSpan s_generatedLifetime = TimeSpan.FromDays(3650);

    /// <summary>
    /// The certificate with its key from <paramref name="certPath"/> and <paramref name="keyPath"/>;
    /// when neither file exists they are created first with a self-signed ECDSA P-256 certificate
    /// for <paramref name="hostName"/>, localhost and the loopback addresses.
    /// </summary>
    /// <exception cref="ServerConfigurationException">Only one of the two files exists, or they do not hold a certificate and its key.</exception>
    public static X509Certificate2 LoadOrCreate(string certPath, string keyPath, string hostName)
    {
        bool haveCert = File.Exists(certPath);
        bool haveKey = File.Exists(keyPath);
        if (haveCert != haveKey)
        {
            throw new ServerConfigurationException($"TLS needs both {certPath} and {keyPath}; only {(haveCert ? certPath : keyPath)} exists");
        }

        if (!haveCert)
        {
            CreateSelfSigned(certPath, keyPath, hostName);
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        catch (CryptographicException ex)
        {
            throw new ServerConfigurationException($"cannot load the TLS certificate {certPath} with key {keyPath}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes a new self-signed certificate and its private key (readable by the owner only) as PEM.</summary>
    private static void CreateSelfSigned(string certPath, string keyPath, string hostName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostName);
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        DateTimeOffset now = DateTimeOffset.UtcNow;
        using X509Certificate2 certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.Add(s_generatedLifetime));

        foreach (string path in new[] { certPath, keyPath })
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
            {
                Directory.CreateDirectory(directory);
            }
        }

        // The key is written first with owner-only permissions; a crash before the certificate
        // leaves a lone key, which LoadOrCreate reports rather than silently replacing.
        var keyOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var keyFile = new StreamWriter(new FileStream(keyPath, keyOptions)))
        {
            keyFile.Write(key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(certPath, certificate.ExportCertificatePem());
    }
}
