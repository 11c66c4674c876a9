#pragma once

// A profile as the editor shows it: a list of sources, each a kind and its
// fields by configuration key, so one form and one list serve every kind.

#include "config/config.h"
#include "setup/source_probe.h"

#include <QCoreApplication>
#include <QList>
#include <QVariantMap>

namespace opsdeck {

struct SourceField {
    enum class Type { Text, Number, Bool, Choice, File, Folder, Password };  // Password: never written to the file
    QString key;        // the configuration's key: health_url, port...
    QString label;      // for people, translated
    Type type = Type::Text;
    QStringList choices;  // Choice
    QString placeholder;
    int min = 0, max = 0;  // Number
};

struct ProfileSource {
    enum class Kind { Service, Prometheus, Alertmanager, Database, Docker, Kubernetes, Backups };
    Kind kind = Kind::Service;
    QVariantMap fields;
    QString title() const;  // "Service api-gateway", "Prometheus"
};

class ProfileSources
{
    Q_DECLARE_TR_FUNCTIONS(ProfileSources)
public:
    static QString kindName(ProfileSource::Kind kind);
    static QList<SourceField> fieldsOf(ProfileSource::Kind kind);
    // A new source of that kind with the values most installations use.
    static ProfileSource blank(ProfileSource::Kind kind);
    // Only one of each of these per profile.
    static bool isSingle(ProfileSource::Kind kind);

    static QList<ProfileSource> fromProfile(const Profile &profile);
    // Writes the sources into profile (its name and settings stay); errors name the source and field.
    static QStringList toProfile(const QList<ProfileSource> &sources, Profile *profile);

    static ProfileSource fromService(const ServiceConfig &service);
    static ProfileSource fromAlertmanager(const AlertmanagerConfig &alertmanager);
    static ProfileSource fromDatabase(const DatabaseConfig &database);
    static ProfileSource fromKubernetes(const KubernetesConfig &kubernetes);
};

} // namespace opsdeck
