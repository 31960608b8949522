"""The IPTC Media Topics taxonomy (top level) and a hand-written lexicon of general news
vocabulary for each topic: data only, kept apart from the classifier that reads it.

The lexicon was written from general knowledge of what each topic covers (IPTC's own
descriptions of the top-level topics and their main subtopics), not drawn from any
evaluation text. Weights: 3 = the word nearly always means this topic, 2 = a strong hint,
1 = a weak hint, fractions = barely. Terms are written in base form (lemma); multi-word
terms and hyphenated words ("semi-final") match token sequences. A term may appear under
several topics with different weights.
"""
from __future__ import annotations

# (code, label) in IPTC order: the 17 top-level Media Topics, current en-GB labels.
IPTC_TOPICS: list[tuple[str, str]] = [
    ("medtop:01000000", "arts, culture, entertainment and media"),
    ("medtop:02000000", "crime, law and justice"),
    ("medtop:03000000", "disaster, accident and emergency incident"),
    ("medtop:04000000", "economy, business and finance"),
    ("medtop:05000000", "education"),
    ("medtop:06000000", "environment"),
    ("medtop:07000000", "health"),
    ("medtop:08000000", "human interest"),
    ("medtop:09000000", "labour"),
    ("medtop:10000000", "lifestyle and leisure"),
    ("medtop:11000000", "politics"),
    ("medtop:12000000", "religion"),
    ("medtop:13000000", "science and technology"),
    ("medtop:14000000", "society"),
    ("medtop:15000000", "sport"),
    ("medtop:16000000", "conflict, war and peace"),
    ("medtop:17000000", "weather"),
]

# Earlier labels and US spellings that curators may still write: label -> current label.
FORMER_LABELS: dict[str, str] = {
    "arts, culture and entertainment": "arts, culture, entertainment and media",
    "disaster and accident": "disaster, accident and emergency incident",
    "environmental issue": "environment",
    "labor": "labour",
    "politics and government": "politics",
    "religion and belief": "religion",
    "social issue": "society",
    "unrest, conflicts and war": "conflict, war and peace",
    "sports": "sport",
}

# Short descriptions, after IPTC's definitions of the top-level topics.
DESCRIPTIONS: dict[str, str] = {
    "arts, culture, entertainment and media": "All forms of arts, entertainment, cultural "
    "heritage and media",
    "crime, law and justice": "The establishment and/or statement of the rules of behaviour "
    "in society, the enforcement of these rules, breaches of the rules, the punishment of "
    "offenders and the organisations and bodies involved in these activities",
    "disaster, accident and emergency incident": "Man made or natural event resulting in "
    "loss of life or injury to living creatures and/or damage to inanimate objects or "
    "property",
    "economy, business and finance": "All matters concerning the planning, production and "
    "exchange of wealth",
    "education": "All aspects of furthering knowledge, formally or informally",
    "environment": "All aspects of protection, damage, and condition of the ecosystem of the "
    "planet earth and its surroundings",
    "health": "All aspects of physical and mental well-being",
    "human interest": "Item that discusses individuals, groups, animals, plants or other "
    "objects in an emotional way",
    "labour": "Social aspects, organisations, rules and conditions affecting the employment "
    "of human effort for the generation of wealth or provision of services",
    "lifestyle and leisure": "Activities undertaken for pleasure, relaxation or recreation "
    "outside paid employment, including eating and travel",
    "politics": "Local, regional, national and international exercise of power, or struggle "
    "for power, and the relationships between governing bodies and states",
    "religion": "Belief systems, institutions and people who provide moral guidance to "
    "followers",
    "science and technology": "All aspects pertaining to human understanding of, as well as "
    "methodical study and research of natural, formal and social sciences, and their "
    "application in technology",
    "society": "The concerns, issues, affairs and institutions relevant to human social "
    "interactions, problems and welfare",
    "sport": "Competitive activity or skill that involves physical and/or mental effort and "
    "organisations and bodies involved in these activities",
    "conflict, war and peace": "Acts of socially or politically motivated protest or "
    "violence, military activities, geopolitical conflicts, as well as resolution efforts",
    "weather": "The study, prediction and reporting of meteorological phenomena",
}

# How often each topic leads general news: a small tie-breaker, not a verdict.
PRIOR: dict[str, float] = {
    "politics": 1.10, "economy, business and finance": 1.10, "sport": 1.10,
    "arts, culture, entertainment and media": 1.05, "science and technology": 1.05,
    "crime, law and justice": 1.05, "conflict, war and peace": 1.05, "health": 1.0,
    "disaster, accident and emergency incident": 1.0, "education": 0.95,
    "environment": 0.95, "labour": 0.95, "society": 0.9, "religion": 0.95,
    "lifestyle and leisure": 0.9, "human interest": 0.85, "weather": 0.95,
}

# Pseudo-terms for spaCy entity types, scored like words.
ENTITY_TERMS = {"MONEY": "<money>", "PERCENT": "<percent>", "WORK_OF_ART": "<work_of_art>",
                "LAW": "<law>"}

# topic label -> weight -> comma-separated terms (base forms, lower case). A word that
# several topics use ("game", "player", "law") gets a low weight in each.
_LEXICON: dict[str, dict[float, str]] = {
    "arts, culture, entertainment and media": {
        3: """film, movie, cinema, actor, actress, oscar, academy award, bafta, grammy, emmy,
        golden globe, box office, box-office, album, singer, songwriter, concert, theatre,
        theater, musical, novelist, poet, poetry, painter, sculpture, sculptor, museum,
        ballet, opera, orchestra, comedian, sitcom, hollywood, bollywood, broadway, premiere,
        screenplay, soundtrack, record label, rapper, hip hop, jazz, musician, showbiz,
        filmmaker, film-maker, starring, playwright, composer, symphony, blockbuster,
        rock band, pop star, film star, movie star, film festival, music festival,
        best actor, best actress, best film, best director, film director, tv show,
        television show, tv series, television series, reality tv, reality show,
        soap opera, talent show, documentary, screenwriter, bestseller, best-seller,
        novel, eurovision, choreographer, artwork, art gallery, chart-topping, hit single,
        number one single, stand-up comedy, film-making, cannes, sundance, entertainment,
        actors, lead role, starring role, supporting actor, supporting actress,
        west end, box office takings, sequel, biopic, pop music, rock music, classical
        music, record company, record sales, music industry, film industry""",
        2: """music, song, band, festival, drama, comedy, gallery, exhibition, art, artist,
        painting, celebrity, chart, charts, singles chart, pop, rap, singing, dance,
        dancer, broadcaster, viewer, episode, nomination, nominate, nominee, cast,
        script, studio, author, literary, literature, fiction, publisher, publishing,
        photography, photographer, presenter, audience, stage, gig, cartoon, comic,
        animation, animated, newspaper, magazine, journalist, journalism, franchise,
        arts, theatrical, critic, <work_of_art>, cultural, heritage, ceremony,
        red carpet, fame, director, tour, band's, radio, dj, airplay, television, tv""",
        1: """series, rock, role, character, story, prize, award, ratings, listener, channel,
        screen, fashion, video, writer, editor, reader, media, star, show, programme,
        producer, book, perform, performance, performer, famous, fan, culture, release,
        hit, record, sing, play, review""",
    },
    "crime, law and justice": {
        3: """crime, criminal, arrest, trial, jury, prosecutor, guilty, convict, conviction,
        jail, murder, robbery, theft, burglary, suspect, verdict, bail, extradition,
        homicide, assault, rape, stabbing, manslaughter, plead guilty, court case,
        police officer, detective, offender, acquit, acquittal, indict, indictment,
        prosecution, life sentence, death penalty, smuggling, smuggler, trafficking,
        embezzlement, bribery, money laundering, kidnapping, kidnap, shoplifting,
        cybercrime, gang, inquest, coroner, magistrate, felony, misdemeanour, courtroom,
        crown court, organised crime, organized crime, jailed, imprisonment, imprison,
        murderer, killer, burglar, thief, fraudster, prison sentence, convicted""",
        2: """police, court, judge, lawyer, prison, prisoner, custody, sue, lawsuit,
        accuse, allegation, alleged, offence, corruption, shooting, gunman, attorney,
        solicitor, barrister, testimony, witness, forensic, tribunal, fraud,
        drug dealer, drug trafficking, supreme court, high court, court of appeal,
        law lord, law lords, attorney general, injunction, legal action, legal battle,
        copyright infringement, anti-social behaviour, piracy, counterfeit, terror suspect,
        charged, sentence, sentenced, plead, investigator""",
        1: """justice, legal, illegal, unlawful, lawful, law, ruling, appeal, evidence,
        investigation, investigate, probe, victim, hacker, fine, fined, damages,
        <law>, ban, banned, human rights, civil liberties, law enforcement, terrorism,
        drug, abuse, watchdog, complaint, charge, accused""",
        0.5: """inquiry, case, kill, killed, death, violence, security, claim, dispute,
        regulator""",
    },
    "disaster, accident and emergency incident": {
        3: """earthquake, quake, tsunami, disaster, death toll, plane crash, air crash,
        derail, derailment, shipwreck, capsize, landslide, mudslide, avalanche, volcano,
        volcanic eruption, eruption, firefighter, fire brigade, fire fighter, wreckage,
        rescuer, rescue team, rescue worker, emergency services, road accident, car crash,
        traffic accident, train crash, natural disaster, relief effort, aid agency,
        search and rescue, blaze, evacuate, evacuation, emergency service""",
        2: """flood, flooding, hurricane, cyclone, typhoon, tornado, wildfire, fire, crash,
        accident, emergency, rescue, casualty, collision, survivor, survivors, famine,
        trapped, debris, explosion, collapse, ambulance, devastation, devastate,
        humanitarian, disaster relief, aid worker""",
        1: """injure, injured, injury, missing, victim, aid, relief, spill, leak, damage,
        destroy, destroyed, homeless, sink, sank, burn, toll, drought, storm""",
        0.5: """kill, killed, die, dead, death, body, safety, warning, alert, hospital""",
    },
    "economy, business and finance": {
        3: """economy, economic, investor, profit, profits, revenue, earnings, central bank,
        interest rate, inflation, gdp, recession, trade deficit, merger, takeover,
        shareholder, economist, stock market, stock exchange, share price, dow jones,
        nasdaq, ftse, nikkei, oil price, bankruptcy, bankrupt, retailer, carmaker,
        car maker, chief executive, ceo, pre-tax, pre-tax profit, operating profit,
        net profit, annual profit, quarterly, fiscal, financial, finance, hedge fund, ipo,
        shares, insurer, exchange rate, house price, housing market, retail sales,
        consumer spending, growth rate, economic growth, trade surplus, current account,
        budget deficit, imf, world bank, wto, opec, federal reserve, bank of england,
        european central bank, turnover, dividend, valuation, entrepreneur, corporate,
        conglomerate, multinational, privatisation, privatization, wall street,
        trading, commodity, commodities, investment bank, tariff, export, import, exporter,
        importer, manufacturer, manufacturing, consumer confidence, currency, dollar, yen,
        yuan, sterling, eurozone, euro zone, business, businesses, mortgage, analysts,
        stock, stocks, market share, sales, buyout, acquisition, investment, invest""",
        2: """company, companies, firm, firms, market, markets, bank, banks, banking,
        corporation, subsidiary, trader, bond, bonds, securities, airline, brand,
        shopper, customer, supplier, loan, lending, lender, debt, credit, accounting,
        accountant, audit, analyst, deal, bid, acquire, price, prices, costs, demand,
        output, industry, sector, oil, retail, chairman, executive, budget, tax, taxes,
        taxation, vat, property, asset, assets, fund, capital, <money>, billion,
        growth, slowdown, boom, downturn, year-on-year, consumer, factory, telecoms,
        startup, start-up, venture capital, competition, competitor, job cuts, euro,
        pound, cost, spending, unemployment, insurance, pension, pension fund, economies,
        forecast, quarter, energy, gas, producer, product, products, store, stores""",
        1: """<percent>, million, money, cash, rise, fall, rent, sell, sale, buy, purchase,
        owner, boss, board, annual, contract, plant, operator, regulator, rival, jobs,
        jobless, trade, wage, salary, supply, production, cut""",
    },
    "education": {
        3: """school, schools, pupil, teacher, education, exam, exams, examination,
        curriculum, classroom, tuition fee, tuition fees, tuition, headteacher,
        head teacher, lecturer, campus, kindergarten, literacy, gcse, a-level, a level,
        scholarship, undergraduate, school leaver, educational, schooling, tutor,
        homework, primary school, secondary school, high school, education secretary,
        ofsted, truancy, university place, top-up fees, student loan""",
        2: """student, university, universities, college, teaching, teach, graduate,
        academic, nursery, lesson, qualification""",
        1: """degree, learn, learning, study, class, training, skill, grade, course,
        child, children, young people""",
    },
    "environment": {
        3: """environment, environmental, climate change, global warming, emission,
        emissions, greenhouse gas, greenhouse gases, pollution, pollutant, recycling,
        recycle, renewable, renewable energy, wind farm, wind power, solar power,
        conservation, wildlife, endangered, biodiversity, deforestation, habitat,
        ecosystem, fossil fuel, kyoto, sustainability, ozone, extinction, carbon dioxide,
        carbon emission, environmentalist, conservationist, national park, sea level,
        nuclear waste, clean energy, environment agency, landfill, pesticide, green party,
        endangered species""",
        2: """species, forest, waste, climate, planet, toxic, contamination, contaminate,
        whale, carbon, sustainable, organic, coal, wildfire""",
        1: """green, nature, animal, bird, ocean, river, plastic, energy, solar, wind,
        water, tree, fish, fishing, farming, farmer, nuclear""",
    },
    "health": {
        3: """health, hospital, hospitals, doctor, doctors, nurse, nurses, patient, patients,
        disease, vaccine, vaccination, cancer, medicine, medical, nhs, surgeon, illness,
        infection, outbreak, epidemic, pandemic, flu, influenza, bird flu, aids, hiv,
        obesity, mental health, clinic, symptom, diagnosis, diagnose, therapy, gp,
        health care, healthcare, health service, health secretary, dementia, diabetes,
        asthma, allergy, pregnancy, pregnant, mrsa, superbug, pharmaceutical,
        heart disease, heart attack, tumour, tumor, chemotherapy, transplant, physician,
        treatment, immune, antibiotic, malaria, tuberculosis, sars, smoking, public health,
        life expectancy, nutrition, surgery, ward, wards""",
        2: """virus, drug, drugs, ill, sick, diet, tobacco, alcohol, depression, blood,
        elderly care, obese, medication, prescription, dose, vitamin, disorder, stroke,
        smoker, care home, drug company, drugs company""",
        1: """heart, brain, gene, genetic, elderly, disability, baby, birth, care, carer,
        fitness, exercise, injury, pain, risk, research, researcher, study, scientist,
        death, die""",
    },
    "human interest": {
        3: """zoo, birthday, centenarian, lottery, jackpot, guinness world record,
        heartwarming, royal wedding, pet, pets""",
        2: """wedding, royal, queen, prince, princess, grandmother, grandfather,
        anniversary, hero, reunite, world record, oldest""",
        1: """dog, cat, marry, king, couple, animal, celebrity, family, charity, record""",
    },
    "labour": {
        3: """employment, worker, workers, workforce, trade union, trade unions, union member,
        industrial action, minimum wage, redundancy, redundancies, layoff, layoffs,
        lay off, job cut, job cuts, job loss, job losses, labour market, labor market,
        walkout, picket, collective bargaining, overtime, unemployed, apprenticeship,
        working hours, strike action, pay rise, pay deal, pay dispute, wage, wages,
        employee, employees, employer, employers, recruitment, workplace, jobless,
        unemployment, pension scheme, workers' rights, labour law, tuc, retirement age""",
        2: """strike, striking, job, jobs, staff, union, unions, pay, salary, hiring,
        pension, pensions, retirement, retire, career, contract""",
        1: """hire, recruit, working, work, skill, shift""",
    },
    "lifestyle and leisure": {
        3: """tourism, tourist, tourists, leisure, holiday, holidays, holidaymaker, vacation,
        hotel, hotels, restaurant, restaurants, recipe, chef, cooking, cuisine, gardening,
        hobby, fashion, fashion show, catwalk, fitness, gym, yoga, lifestyle, travel,
        traveller, resort, cruise, camping, wine, beer, food and drink, dining, nightlife,
        pub, pubs""",
        2: """food, drink, garden, beach, designer, clothes, clothing, style, beauty,
        cosmetics, toy, toys, puzzle, luxury, dating, shopping""",
        1: """christmas, game, games, car, cars, home, relationship, party, celebration,
        gift, visitor""",
    },
    "politics": {
        3: """politics, political, politician, politicians, government, minister, ministers,
        prime minister, election, elections, voter, voters, parliament, parliamentary, mp,
        mps, senator, senate, lawmaker, legislation, legislator, cabinet, democracy,
        diplomat, diplomatic, diplomacy, referendum, constitution, constitutional,
        manifesto, ballot, tory, tories, labour party, conservative party, liberal democrat,
        liberal democrats, lib dem, lib dems, democrat, democrats, republican,
        republicans, white house, downing street, kremlin, whitehall, westminster,
        house of commons, house of lords, commons, foreign minister, foreign secretary,
        foreign policy, home secretary, home office, secretary of state, ambassador,
        embassy, general election, presidential, presidency, chancellor, party leader,
        electoral, campaigning, opinion poll, cabinet minister, ministry, shadow,
        government's, opposition, peer, peers, backbencher, backbench, frontbench,
        electorate, constituency, constituencies, by-election, polling, polls, poll,
        candidate, candidates, vote, votes, voting, elect, elected, re-election,
        bilateral, summit, united nations, un security council, european union,
        european commission, european parliament, eu, un, nato, congress, congressman,
        congresswoman, regime, dictator, dictatorship, sovereignty, immigration, asylum,
        asylum seeker, asylum seekers, citizenship, civil servant, civil service,
        public sector, premier, president, governor, mayor, councillor, spokesman for""",
        2: """policy, policies, reform, bill, legislation's, coalition, sanctions, sanction,
        treaty, talks, negotiation, negotiations, negotiate, negotiator, official,
        officials, leader, leaders, leadership, party, parties, council, campaign,
        independence, nationalist, migrant, visa, border, relations, partnership,
        alliance, statement, public spending, protest, rally, conservative, liberal,
        liberals, law, laws, plans, proposal, proposals, state, states, nation,
        international, critic, critics, row, debate, minister's, secretary, act,
        cooperation, ally, allies, foreign""",
        1: """tax, budget, spokesman, spokeswoman, visit, issue, issues, public, rights,
        power, national, country, countries, citizen, citizens, human rights,
        civil liberties, ban, rules""",
    },
    "religion": {
        3: """religion, religious, church, churches, pope, vatican, bishop, archbishop,
        priest, clergy, mosque, muslim, muslims, islam, christian, christians,
        christianity, catholic, protestant, jewish, judaism, synagogue, hindu, hinduism,
        temple, buddhist, buddhism, faith, worship, prayer, prayers, pray, bible, koran,
        quran, ramadan, imam, rabbi, sect, spiritual, pilgrim, pilgrimage, cleric,
        theology, cathedral, parish, vicar, monk, nun, sermon, evangelical, sikh,
        anglican, blasphemy, church of england""",
        2: """god, holy, sacred, belief, believer, islamic, secular""",
        1: """easter, christmas, saint""",
    },
    "science and technology": {
        3: """technology, technologies, tech, science, scientist, scientists, computer,
        computers, software, internet, online, web, website, websites, web site,
        broadband, mobile phone, mobile phones, smartphone, handset, handsets, gadget,
        gadgets, digital, wireless, wi-fi, wifi, processor, microchip, semiconductor,
        chipmaker, video game, video games, computer game, computer games, games console,
        games consoles, console, consoles, gaming, gamer, gamers, games maker, spam,
        e-mail, email, hacker, hackers, hacking, cyber, cybersecurity, download,
        downloads, downloading, file-sharing, file sharing, peer-to-peer, search engine,
        blog, blogs, blogger, bloggers, blogging, browser, operating system, pc, pcs,
        laptop, laptops, desktop, robot, robotics, artificial intelligence, astronaut,
        telescope, physics, chemistry, biology, physicist, chemist, biologist, dna,
        laboratory, electronics, consumer electronics, high-definition, hd, dvd, dvds,
        mp3, music player, digital music, telecommunications, 3g, 4g, spyware, malware,
        phishing, encryption, silicon valley, nanotechnology, quantum, hi-tech, high-tech,
        technological, programmer, programming, algorithm, database, spacecraft,
        space agency, nasa, satellite, genome, gigabyte, megabyte, bandwidth, pixel,
        touchscreen, cyberspace, digital camera, flat screen, podcast, podcasting,
        wiki, net users, web users, internet users, tech firm, technology firm,
        technology company, software firm, open source, open-source, virus writer,
        anti-virus, antivirus, computer virus, net, device, devices""",
        2: """innovation, invention, inventor, electronic, user, users, virus, viruses,
        worm, chip, chips, research, researcher, researchers, experiment, engineer,
        engineers, engineering, gene, genetic, mobile, phone, phones, data, network,
        networks, networking, virtual, screen, screens, camera, cameras, rocket, mars,
        orbit, planet, galaxy, asteroid, comet, server, servers, code, password,
        search, app, apps, application, applications, machine, machines, battery""",
        1: """study, system, systems, tool, tools, content, platform, format, tv,
        television, video, click, keyboard, surf, service, services, launch, firm,
        game, games, player, players, music, film, films""",
    },
    "society": {
        3: """poverty, homeless, homelessness, welfare, discrimination, racism, racist,
        equality, inequality, gay, lesbian, same-sex, civil rights, women's rights,
        feminist, census, demographic, abortion, euthanasia, divorce, adoption,
        child abuse, domestic violence, disabled, disability, ethnic minority,
        ethnic minorities, diversity, social worker, social services, social security,
        pensioner, pensioners, gay marriage, same-sex marriage, society""",
        2: """social, community, communities, charity, volunteer, human rights, immigrant,
        refugee, population, minority, minorities, ethnic, integration, benefit,
        benefits, elderly, youth, young people, marriage, families, housing,
        demonstration, demonstrator, campaigner, activist, activists, gender""",
        1: """family, child, children, parent, parents, protest, campaign group, people""",
    },
    "sport": {
        3: """sport, sports, football, footballer, soccer, league, world cup, championship,
        tournament, olympic, olympics, olympic games, medal, striker, midfielder,
        goalkeeper, referee, semi-final, quarter-final, semi final, quarter final,
        semi-finals, quarter-finals, athlete, athletes, athletics, sprinter, marathon,
        tennis, golf, golfer, rugby, cricket, cricketer, boxing, boxer, cycling, cyclist,
        formula one, grand prix, swimming, swimmer, skiing, hockey, basketball, baseball,
        nba, nfl, fifa, uefa, premiership, premier league, champions league, six nations,
        squad, fixture, fixtures, stadium, half-time, halftime, wicket, innings, batsman,
        bowler, doping, drug test, drugs test, relegation, goalscorer, scorer,
        world champion, gold medal, silver medal, bronze medal, personal best, scrum,
        fly-half, winger, clean sheet, equaliser, equalizer, free-kick, free kick,
        touchdown, pole position, podium, hurdles, relay, australian open, french open,
        us open, wimbledon, ryder cup, davis cup, commonwealth games, grand slam,
        test match, test series, one-day international, umpire, coach, coaches,
        head coach, manager's, penalty kick, penalty shoot-out, red card, yellow card,
        hat-trick, hat trick, first half, second half, injury time, extra time,
        kick-off, title race, home side, away side, champion, champions, jockey,
        horse racing, racing, racecourse, sprint, playmaker, defender, defenders,
        full-back, centre-back, captaincy, team-mate, team-mates, teammate, teammates""",
        2: """match, matches, goal, goals, season, keeper, penalty, captain, cup, club,
        clubs, team, teams, victory, defeat, race, rider, trophy, ranking, rankings,
        world number, opponent, opponents, debut, hamstring, ankle, groin, injury,
        supporter, supporters, fan, fans, transfer, signing, unbeaten, beaten, tackle,
        scored, score, final, finals, win, wins, won, lap, qualifier, qualifying,
        knockout, tournament's, training, trainer""",
        1: """game, games, player, players, beat, draw, drew, title, try, conversion,
        corner, header, seed, serve, set, sets, cap, caps, record, points, point, play,
        played, playing, lead, led, open, court, ball, shot, minute, minutes, round, leg,
        side, fitness, knee, sign, contract, loan, crown, host, pitch, net, kick""",
    },
    "conflict, war and peace": {
        3: """war, warfare, military, army, armies, troops, troop, soldier, soldiers,
        armed forces, bombing, bombings, airstrike, air strike, air strikes, missile,
        missiles, nuclear weapon, nuclear weapons, rebel, rebels, insurgent, insurgents,
        insurgency, militant, militants, militia, militias, guerrilla, ceasefire,
        cease-fire, truce, peace talks, peace deal, peace process, peace agreement,
        invasion, invade, hostage, hostages, shelling, artillery, combat, frontline,
        front line, ministry of defence, defence ministry, defense ministry, pentagon,
        genocide, massacre, war crime, war crimes, hostilities, suicide bomber,
        suicide bombing, coup, peacekeeper, peacekeepers, peacekeeping, warplane,
        warplanes, navy, naval, air force, weapons of mass destruction, terrorist,
        terrorists, terror attack, military action, conflict, war-torn, battlefield""",
        2: """security forces, uprising, disarmament, terrorism, offensive, occupation,
        occupied, bomb, bombs, weapon, weapons, arms, armed, fighting, fighter, fighters,
        battle, attack, attacks, civilian, civilians, escalate, escalation, peace,
        refugee, refugees, displaced, drone, drones, tank, tanks, ammunition, enemy,
        commander, commanders, unrest, clash, clashes, gunmen, explosion, explosions,
        killing, killings, casualties, casualty, nuclear, spy, intelligence, defence,
        defense, crisis""",
        1: """kill, killed, violence, riot, riots, ally, allies, regime, sanctions, threat,
        security, dead, death""",
    },
    "weather": {
        3: """weather, rain, rainfall, snow, snowfall, storm, storms, heatwave, heat wave,
        tornado, cyclone, typhoon, hurricane, blizzard, thunderstorm, monsoon, met office,
        meteorologist, meteorological, celsius, fahrenheit, forecaster, forecasters,
        weather forecast, sunshine, sunny, frost, fog, hail, gale, gales, humidity, humid,
        temperatures, temperature, downpour, showers, drizzle, snowstorm""",
        2: """drought, flood, flooding, wind, winds, cold, heat, ice, icy, cloud, clouds,
        lightning, freezing""",
        1: """climate, degree, degrees, forecast, warm, chilly, wet, dry""",
    },
}


def _parse(groups: dict[float, str]) -> dict[str, float]:
    """Weight groups to term -> weight; a term listed twice keeps its highest weight."""
    out: dict[str, float] = {}
    for weight, terms in sorted(groups.items(), reverse=True):
        for term in terms.split(","):
            term = " ".join(term.split()).lower()
            if term and term not in out:
                out[term] = float(weight)
    return out


LEXICON: dict[str, dict[str, float]] = {label: _parse(groups)
                                        for label, groups in _LEXICON.items()}

# Exact-case words whose lower-case form means something else ("Labour" the party).
CASED: dict[str, dict[str, float]] = {
    "Labour": {"politics": 3.0}, "Tory": {"politics": 3.0}, "Tories": {"politics": 3.0},
    "Conservative": {"politics": 2.0}, "Conservatives": {"politics": 3.0},
    "Democrats": {"politics": 3.0}, "Republicans": {"politics": 3.0},
    "Games": {"sport": 2.0}, "Cup": {"sport": 3.0},
    "Parliament": {"politics": 3.0}, "Congress": {"politics": 2.0},
}

# Words that hint at a topic only as nouns: "a hit", "the record", "a strike", not "the
# quake hit", "prices rose to a record" (that one stays a noun), "the earthquake struck".
NOUN_ONLY: frozenset[str] = frozenset("""
    hit record strike play show star release court match score set serve sign lead draw
    beat rise fall cut charge fine book fan host open round side state act review cast
    stage film kick shot title test trade rule ban tour chart bill park sink burn
    """.split())
