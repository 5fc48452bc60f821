using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Scripto.Tests.Deploy;

/// <summary>A self-signed certificate for 127.0.0.1, written as the PEM files nginx reads; only the test trusts it.</summary>
internal sealed class TestCertificate
{
    private TestCertificate(X509Certificate2 certificate, string certificatePath, string keyPath)
    {
        Certificate = certificate;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
    }

    public X509Certificate2 Certificate { get; }
    public string CertificatePath { get; }
    public string KeyPath { get; }

    public static TestCertificate WriteTo(string directory)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

        var certificatePath = Path.Combine(directory, "fullchain.pem");
        var keyPath = Path.Combine(directory, "privkey.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return new TestCertificate(certificate, certificatePath, keyPath);
    }

    /// <summary>Trusts exactly this certificate, as a client that was handed it would.</summary>
    public bool Validates(X509Certificate? presented) =>
        presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString();
}
