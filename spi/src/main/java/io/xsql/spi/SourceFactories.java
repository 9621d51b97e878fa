package io.xsql.spi;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The source factories on the class path, by catalog type. */
public final class SourceFactories {
  private static final Map<String, SourceFactory> BY_TYPE = load();

  private SourceFactories() {}

  private static Map<String, SourceFactory> load() {
    Map<String, SourceFactory> out = new TreeMap<>();
    for (SourceFactory f : ServiceLoader.load(SourceFactory.class, SourceFactories.class.getClassLoader())) {
      for (String type : f.types()) {
        SourceFactory previous = out.put(type, f);
        if (previous != null) {
          throw new IllegalStateException("two source factories claim type '" + type + "': "
              + previous.getClass().getName() + " and " + f.getClass().getName());
        }
      }
    }
    return out;
  }

  /** Opens a catalog entry's source; every failure names the source and where the entry is. */
  public static Source open(Catalog.Entry entry) {
    SourceFactory factory = BY_TYPE.get(entry.type());
    if (factory == null) {
      throw new CatalogException(entry.typeLocation(), "source '" + entry.name() + "': unknown type '"
          + entry.type() + "'; known types are " + BY_TYPE.keySet());
    }
    try {
      Optional<LookupCache> cache = LookupCacheConfig.read(entry.options()).map(LookupCache::new);
      Source source = factory.open(new SourceConfig(entry.name(), entry.type(),
          entry.options().without(LookupCacheConfig.KEY), cache));
      return cache.map(c -> CachedSources.wrap(entry.name(), source, c)).orElse(source);
    } catch (CatalogException e) {
      throw e;
    } catch (SourceException e) {
      throw new CatalogException(entry.options().location(),
          "source '" + entry.name() + "': " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new SourceException(ErrorCode.INTERNAL, entry.options().location() + ": source '"
          + entry.name() + "' failed to open: " + e, e);
    }
  }
}
