#pragma once

// The configuration file as the profile editor and `opsdeck-cli config init`
// change it. The file is the user's: keys OpsDeck does not know stay, a file
// changed on disk since it was read is never overwritten, the previous version
// is kept beside it, and what is written is checked before it replaces anything.

#include "config/config.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

namespace opsdeck {

class ConfigDocument
{
public:
    enum class State {
        Missing,  // no file: a first run
        Empty,    // a file with no profile ({} or "profiles": [] or only white space)
        Valid,
        Broken,   // unreadable, not JSON, or a field in error: never rewritten
    };

    ConfigDocument();
    ~ConfigDocument();
    ConfigDocument(ConfigDocument &&) noexcept;
    ConfigDocument &operator=(ConfigDocument &&) noexcept;

    static ConfigDocument open(const QString &path);

    const QString &path() const { return m_path; }
    State state() const { return m_state; }
    // The file's own parse: errors (file:line: field: reason) and warnings.
    const ConfigLoadResult &loaded() const { return m_loaded; }
    // The profiles as they are now, edits included.
    QList<Profile> profiles() const;
    bool isModified() const;

    // Adds the profile, or replaces the one named replacing (its unknown keys,
    // and those of its services, Alertmanagers and databases matched by name, stay).
    void putProfile(const Profile &profile, const QString &replacing = {});
    bool removeProfile(const QString &name);
    // The profile as a configuration file of its own, for another machine: keychain
    // entries are left out (they live in this machine's keychain).
    QByteArray exportProfile(const QString &name) const;
    // Adds the profiles of another configuration file; a name taken here gets " (2)".
    // Returns the names added, or an error in *error.
    QStringList importProfiles(const QByteArray &json, const QString &sourceName, QString *error);

    // The document for people (`config show`): a secret written in the file by
    // mistake is masked; profile set: that profile alone.
    QByteArray shownText(const QString &profile = {}) const;
    // The text save() would write.
    QByteArray text() const;

    // Writes the file: refused (with a message) when the file changed on disk
    // since it was read, when the result would not load, or when the file
    // system says no. The previous version is kept as <file>.bak. Empty on success.
    QString save();
    // Whether the file on disk is still the one this document read.
    bool changedOnDisk() const;

    // Leaves a broken file's content behind: the document becomes an empty one
    // that save() may write over the file (its old bytes go to <file>.bak first).
    // Call keepCopy() before.
    void startOver();
    // A copy of the file as it is on disk, beside it (<file>.broken-<time>), made
    // before a broken file is replaced. The copy's path, or empty with *error set.
    QString keepCopy(QString *error) const;

private:
    struct Private;
    QString m_path;
    State m_state = State::Missing;
    ConfigLoadResult m_loaded;
    QByteArray m_diskBytes;  // what was read; compared before writing
    bool m_diskExisted = false;
    std::unique_ptr<Private> d;
};

// A configuration with no profiles in it: zero bytes, white space, {} or "profiles": [].
bool isEmptyConfiguration(const QByteArray &text);

} // namespace opsdeck
