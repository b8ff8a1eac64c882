"""Company-type names in many languages, from the ``fingerprints`` library (version 1.3.1, types/types.yml),
copied unchanged (https://github.com/alephdata/fingerprints, MIT licence, reproduced below). Each abbreviation
("main") with the spellings it stands for, one a line as ``main<TAB>spelling|spelling...``.

Read by core.names, which takes from it the legal forms written out in words ("aktiengesellschaft",
"sociedad anonima", "aktsionernoe obschestvo"); the table also has descriptors that are not legal forms
("import", "international"), which core.names leaves alone.

The MIT License (MIT)

Copyright (c) 2025 OpenSanctions Datenbanken GmbH
Copyright (c) 2018 Journalism Development Network, Inc.
Copyright (c) 2016 Friedrich Lindenberg

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

_TABLE = """
3at	закрытае ацыянернае таварыства
aat	adkritaye aktsiyanernaye tavaristva|adkrytae akcyyanernae tavarystva|аат|адкрытае акцыянернае таварыства
ab	abp|aktiebolag|publikt aktiebolag
abv	aandeelhouder-bestuurde vennootschap
ad	a.d|a.d.|akcionarsko društvo|aktsionerno druzhestvo|а.д|ад|акционарско друштво|акционерно дружество
adsic	adsitz|aktsionerno druzhestvo sas spetsialna investitsionna tsel|адсиц|акционерно дружество със специална инвестиционна цел
ae	anónimi etería|ανώνυμη εταιρεία
ag	aksiyadorlik jamiyati|aktiengesellschaft|акциядорлик жамияти
amba	andelsselskab med begrænset ansvar
anl	andelslag
ano	автономная некоммерческая организация|ано
anpo	autonomous non-profit organization
ao	aktsionernoe obschestvo|anonim ortaklık|joint stock company|joint-stock company|jsc|public stock company|акционерная компания с ограниченной ответственностью|акционерное общество|акціонерне товариство|акціонерного товариства
aps	anpartsselskab
as	akciju sabiedrība|akciová společnost|akciová spoločnosť|aktieselskab|aktieselskabet|aktsiaselts|anonim şirket
asbl	aisbl|association internationale sans but lucratif|association sans but lucratif
asc	açıq səhmdar cəmiyyəti
ay	avoin yhtiö
bhd	berhad
bv	besloten vennootschap
bvba	besloten vennootschap met beperkte aansprakelijkheid
ca	compañía anónima
co	company|компания
co ltd	cia ltda|co., ltd.|co.ltd|compañía limitada
coop	co-op|cooperation|cooperative|coopératif|coopération|coopérative|kooperatsia|sociedad cooperativa|spółdzielni|кооперация
corp	corporation
cp	fond commun de placement
cs	ህብረት ስራ ማህበራት
cty cp	công ty cổ phần
cty tnhh	công ty trách nhiệm hữu hạn
cty tnhh mtv	công ty trách nhiệm hữu hạn một thành viên
cv	comm. v|commanditaire vennootschap|gewone commanditaire vennootschap
cva	comm. va|commanditaire vennootschap op aandelen
cvba	coöperatieve vennootschap met beperkte aansprakelijkheid
cvoa	coöperatieve vennootschap met onbeperkte aansprakelijkheid
cía	compañía
dd	d.d.|dioničko društvo
dis tic ltd	dis.tic.ltd
dnnn	doanh nghiệp nhà nước
dno	d.n.o.|društvo s neograničenom solidarnom odgovornošću
dntn	doanh nghiệp tư nhân
doo	d.o.o.|društvo s ograničenom odgovornošću|društvo sa ograničenom odgovornošću|д.о.о.|доо|друштво са ограниченом одговорношћу
dp	društveno preduzeće|дп|друштвено предузеће
dtnn	doanh nghiệp có vốn đầu tư nước ngoài
dzzd	druzhestvo uchredeno po zakona za zadalzheniyata i dogovorite|дззд|дружество учредено по закона за задълженията и договорите
ead	ednolichno aktsionerno druzhestvo|еад|еднолично акционерно дружество
ebvba	eenpersoons besloten vennootschap met beperkte aansprakelijkheid
ed	evropeysko druzhestvo|eвропейско дружество|ед
eeig	european economic interest grouping|evropeysko obedinenie po ikonomicheski interesi|европейско обединение по икономически интереси|еоии
eg	eingetragene genossenschaft|genossenschaft
ehf	einkahlutafélag
ei	entreprise individuelle
eireli	empresa individual de responsabilidade limitada
eirl	empresa individual de responsabilidad limitada
ek. för.	ekonomisk förening
ekd	evropeysko kooperativno druzhestvo|eвропейско кооперативно дружество|екд
ent.	enterprise
eood	ednolichno druzhestvo s ogranichena otgovornost|еднолично дружество с ограничена отговорност|еоод
ep	empresa pública
esv	economisch samenwerkingsverband
et	ednolichen targovets|едноличен търговец|ет
eu	eingetragenes einzelunternehmen|empresa unipersonal
eurl	entreprise unipersonnelle à responsabilité limitée
ev	eingetragener verein
exp	export
exp corp	exp.corp
f:ma	enskild näringsidkare
fa	firma
fie	füüsilisest isikust ettevõtja
fmba	forening med begrænset ansvar
fze	free zone establishment
gbr	gesbr|gesellschaft des bürgerlichen rechts
gie	groupement d'intérêt économique
giu	gospodarsko interesno udruženje
gk	合同会社
gmbh	g.m.b.h|gesellschaft mit besch haftung|gesellschaft mit besch. haftung|gesellschaft mit beschr haftung|gesellschaft mit beschr. haftung|gesellschaft mit beschränkter haftung|gmbh & co.|gmbh & co. kg|gmbh and сo. kg|gmbh und co. kg|mit besch haftung|mit beschr haftung|mit beschränkter haftung|гмбх|гмбх енд ко. кг
gmk	合名会社
gnpp	gosudarstvennoe nauchno proizvodstvennoe predpriyatie|scientific & production enterprise|scientific and production enterprise|государственное научно-производственное предприятие|державне науково-виробниче підприємство
gp	general partnership
gs	gensidigt selskab
gsk	合資会社
haao	halka açık anonim ortaklık
hf	hlutafélag
htx	hợp tác xã
huf	hindu undivided family
ii	inteprinderea individuala|interprinderea individuală|intreprindere individuala|intreprindere individuală|intreprinderea ibdividuala|intreprinderea individuala|intreprinderea individuală|intreprinderea indiviuala|intreprinzator individual|înterprinderea individuală|întreprindera individuală|întreprindere individuală|întreprinderea individualî|întreprinderea individuală|întreprindserea individuală|întreprinzător individual|întreprinzătorul individual
ik	individuālais komersants
im	întreprinderea municipală
imp	import
imp and	imp.and
inc	incorp|incorporated|incorporée
ins	insaat
ins oto san tic	ins.oto.san.tic
intl	international|internationale|інтернейшнл
is	interessentskab|intreprindere de stat alimentatiei publice|intreprinderea de stat|întreprinderea de stat
ivs	iværksætterselskab
jdoo	j.d.o.o|jednostavno društvo s ograničenom odgovornošću
jp	javno preduzeće|јавно предузеће|јп
jscb	joint stock commercial bank
jtd	j.t.d.|javno trgovačko društvo
ju	(ju)|jusikhoesa|㈜|주식회사
jv	joint venture
kb	kommanditbolag
kd	k.d.|komanditno druzhestvo|komanditno društvo|к.д|кд|командитно дружество|командитно друштво
kda	komanditno druzhestvo s aktsii|кда|командитно дружество с акции
keg	kommanditerwerbsgesellschaft
kft	korlatolt felelossegu tarsasag|korlátolt felelősségü társaság, organizační složka|korlátolt felelősségű társaság
kg	kommanditgesellschaft
kk	株式会社
koll. şti.	kolektif şirket
kom. şti	komandit şirket
koop	kooperatif şirket
ks	komanditní společnost|komandītsabiedrība|kommanditselskab
ky	kommandiittiyhtiö
llc	limited liability company|tavaristva z abmezhavanaj adkaznastsiu|tob|тзов|тов|товариство з обмеженою відповідальністю
llp	limited liability partnership|有限責任事業組合
lo	limited ortaklık
loj	lojistik
lp	limited partnership|兩合公司
ltd	lda.|limitada|limited|limited by guarantee|limited by shares|limited company|limitée|ltd.|ltd. co.|ltda|private company with limited liability|private limited company|private limited liability company|pte ltd.|sociedada limitada|sociedade limitada|компания с ограниченной ответственностью|лимитед|בע"מ|有限公司
ltd sti	limited şirket|ltd.sti
mchj	mas'uliyati cheklangan jamiyat|масъулияти чекланган жамият
mmc	məhdud məsuliyyətli cəmiyyət
mtü	mittetulundusühing
na	national association
nk	nin'i kumiai|任意組合
nl	no liability
np	некоммерческое партнерство|некоммерческое партнёрство|нп
nv	naamloze vennootschap
oaj	ochiq aksiyadorlik jamiyati|очиқ акциядорлик жамияти
oao	atviroji akcinė bendrovė|avatud aktsiaselts|avoin osakeyhtiö|cuideachta comhstoic oscailte|offene aktiengesellschaft|ojsc|open joint stock company|openbare aandelenvennootschap|otkrytoe akcionernoe obshchestvo|otkrytoe aktsionernoe obshchestvo|otwarta spółka akcyjna|sociedad limitada por acciones abierta|sociedade por ações aberta|société par actions ouverte|veřejná akciová společnost|відкрите акціонерне товариство|оао|открытое акционерное общество
od	o.d.|ortačko društvo|о.д.|од|ортачко друштво
odo	obshchestvo s dopolnitel'noj otvetstvennost'yu|общество с дополнительной ответственностью|одо
oeg	offene erwerbsgesellschaft
og	offene gesellschaft
ok	oilaviy korxona|оилавий корхона
ong	organização não governamental
ood	drujestvo s ogranichena otgovornost|druzhestvo s ogranichena otgovornost|дружество с ограничена отговорност|оод
ooo	obshchestvo s ogranichennoj otvetstvennost'yu|oсoo|ликвидационная комиссия общества с ограниченной ответственностью|ликвидационная комиссия общество с ограниченной ответственностью|ликвидационная комиссия ооо|общество с ограниченной ответственностью|общество с ограниченной ответственностью строительная компания|общество с ограниченной ответственностью торговый дом|общество с ограниченной ответственностью управляющая компания|общество с ограниченной ответственностью фирма|общество с ограниченной ответственностью частная охранная организация|общество с ограниченной ответственностью частное охранное предприятие|ооо
opg	obiteljsko poljoprivredno gospodarstvo
ops	obecně prospěšná společnost
os	občanské sdružení.
oscip	organização da sociedade civil de interesse público
osk	osuuskunta
owm	onderlinge waarborgmaatschappij
oy	osakeyhtiö
oyj	julkinen osakeyhtiö
oü	osaühing
pc	ኮርፖሬሽን
pe	የመንግስት ልማት ድርጅቶች
peec	public establishment with economic characteristics
plc	public limited company|ሃላፊነቱ የተወሰነ የግል ማህበር|股份有限公司
plt	
pp	приватне підприємство
pr	preduzetnik|пр|предузетник
ps	partnerselskab|pilnsabiedrība
pse	public sector enterprise
psu	public sector undertaking
pt	perseroan terbatas
pt tbk	perseroan terbatas terbuka
pty	proprietary limited|proprietary limited company|pty ltd
qk	qo'shma korxona|қўшма корхона
qmj	qo'shimcha ma'suliyatli jamiyat|қўшимча масъулиятли жамият
qsc	qapalı səhmdar cəmiyyəti|qapalı tipli səhmdar cəmiyyəti
rao	pao|pjsc|private joint stock company|пао|приватне акціонерне товариство|публичное акционерное общество
rp	rekisteröity puolue
rs	säätiö
ry	rekisteröity yhdistys
s. en c.	comandita simple
s.cra.	sociedad comanditaria
sa	s.a.|sarf|sociedad anonima|sociedad anónima|sociedad en comandita por acciones|sociedad por acciones|sociedada anonima|sociedade anónima|sociedade anônima|sociedá anónima|societat anònima|societate pe acțiuni|societatea pe actiuni|societatea pe acţiuni|societateare pe actiuni|società anonima|société anonyme|société par actions de régime fédéral|société par actions par loi sur les sociétés par actions|spółka akcyjna|شركة خفية الإسم
sad	sociedad anónima deportiva
sae	sharikat al-mossahamah
san	sanayi
san as	san.a.s
san tic	san.tic
san tic ltd	san.tic.ltd.
san tic ltd sti	san.tic.ltd.sti
san ve	san.ve
saoc	société anonyme omanaise close
saog	société anonyme omanaise générale
sapa	società in accomandita per azioni
sarl	société à responsabilité limitée|شّركة ذات مسؤوليّات محدودة ش.م.م
sas	sociedades por acciones simplificada|société par actions simplifiée
sc	compania comerciala si de productie societatea cu responsabilitate limitata|sociedad colectiva|societatea comercială|አክሲዩን ማህበር
sca	comandita por acciones|société en commandite par actions
scc	société commerciale canadienne
sce	societas cooperativa europaea
scei	sociedad de capital e industria
scop	société coopérative de production
scpa	sociedad civil privada
scs	secs|sociedad en comandita simple|société en commandite simple
sd	s-ie|sabiratelno druzhestvo (sd)/sadruzhie|sd/s-ie|с-ие|сд|събирателно дружество|събирателно дружество (сд)/съдружие
sdn bhd	sendirian berhad
se	sociedad del estado|societas europaea
sem	société d'économie mixte
sep	société en participation
sf	sameignarfélag
sgr	sociedad de garantia reciproca|sociedad de garantía reciproca
sh.a	shoqëri aksionere
shpk	sh.p.k|shoqëri me përgjegjësi të kufizuar
sia	sabiedrība ar ierobežotu atbildību|сиа
sicaf	société d'investissement à capital fixe
sicav	société d'investissement à capital variable
sjsc	дат|державне акціонерне товариство
sll	sociedad limitada laboral
slne	s.l.n.e.|sociedad limitada nueva empresa
sm pte ltd.	single member private limited company
smba	selskab med begrænset ansvar
snc	société en nom collectif
snt	садоводческое некоммерческое товарищество
sp	s.p.|samostalni preduzetnik|sole proprietorship|státní podnik
spa	società per azioni
spe	societas privata europaea
spf	stichting particulier fonds
sprl	société privée à responsabilité limitée|société privée à responsabilité limitée unipersonnelle
spzoo	sp zoo|sp. z o.o.|sp. z o.o. sp.k|sp. z oo|sp. zoo|spolka z ograniczona odpowiedzialnoscia|spółka z ograniczoną odpowiedzialnością
srl	intreprinderea cu responsabilitate limitata|s.r.l|s.r.l.|sicietatea de raspundere limitata|sociedad de responsabilidad limitada|societata cu raspundere limitata|societate cu rasponbilitate limitata|societate cu raspundere limitata|societate cu responsabilitate limiiata|societate cu responsabilitate limitata|societate cu răspundere limitată|societate cu răspundre limitată|societatea cu rasdpundere limitata|societatea cu rasponsabilitate limitata|societatea cu raspundere|societatea cu raspundere limitata|societatea cu raspundere limitate|societatea cu responsabilitate limitata|societatea cu responsabilitatea limitata|societatea cu respundere limitata|societatea cu răspundere|societatea cu răspundere limitată|societatii cu raspunderea limitata|societete cu răspundere limitată|società a responsabilità limitata|socitate cu responsabilitate limitata
sro	s.r.o|společnost s ručením omezeným
stg	stille gesellschaft
sti	sirketi
suarl	شّركة فردية ذات مسؤوليّات محدودة
t:mi	oiminimi
tes	tesisat
tes tek dis	tes.tek.dis
tic	ticaret
tic as	tic.a.s.
tic ltd sti	tic.ltd.sti
tk	tokumei kumiai|匿名組合
too	товарищество с ограниченной ответственностью
tpb	corporația de rachete balistice tactice|društvo za taktičke projektile|tactical missile company|tactical missile corporation|takticheskoe raketnoe vooruzhenie|тактическое ракетное вооружение|тактичне ракетне озброєння
tü	täisühing
uab	uždaroji akcinė bendrovė|uždarosios akcinės bendrovės
ud	usaha dagang
uk	unitar korxona|унитар корхона
ultd	unlimited|unlimited company|unlimited proprietary|unltd|無限公司
up	consorzio statale|den føderale statsejede budgetinstitution|empresa orçamental do estado federal|empresa unitaria estatal de la|empresa unitária estatal|entità statali|entreprise unitaire d’état|federal state budgetary enterprise|federal state budgetary institution|federal state institution|federal state unitary enterprise|federalna budżetowa instytucja|federalnoe gosudarstvennoe byudzhetnoe uchrezhdenie|föderales staatseigenes unternehmen|gosudarstvennoe unitarnoe predpriyatie|impresa unitaria statale|staatliches einheitsunternehmen|staatskonzern|state concern|state enterprise|state unitary enterprise|state unitary enterprise of the|státní jednotný podnik|státní koncern|unitarnoe predpriyatie|unіtarnae pradpryemstva|štátny unitárny podnik|государственного унитарного предприятия|государственное унитарное предприятие|гп|гуп|державного унітарного підприємства|унитарное предприятие|унітарнае прадпрыемства|уп
uü	usaldusühing
vof	vennootschap onder firma
vos	veřejná obchodní společnost
vzw	internationale vereniging zonder winstoogmerk|ivzw|vereinigung ohne gewinnerzielungsabsicht|vereniging zonder winstoogmerk|vog
xk	xususiy korxona|хусусий корхона
xt	xususiy tadbirkorlik|хусусий тадбиркорлик
yk	有限会社
yoaj	yopiq aksiyadorlik jamiyati|ёпиқ акциядорлик жамияти
yu	(yu)|(유)|yuhanhoesa|유한회사
zao	cjsc|closed joint stock company|zakrytoe akcionernoe obshchestvo|zaо|закрите акціонерне товариство|закрытое акционерное общество|зао
zat	zakritaye aktsiyanernaye tavaristva|zakrytae akcyyanernae tavarystva|закрытае акцыянернае таварыства|зат
zs	z.s.|zapsaný spolek
şb	şube
пуп	прыватнае унітарнае прадпрыемства
тda	tavarystva z dadatkovaj adkaznascyu|таварыства з дадатковай адказнасцю|тда
таа	tavarystva z abmezhavanaj adkaznascyu|таварыства з абмежаванай адказнасцю
тбб	төрийн бус байгууллага
тсж	товарищество собственников жилья|товарищество собственников недвижимости
хк	хувьцаат компани
ххк	хязгаарлагдмал хариуцлагатай компани
"""

FINGERPRINTS_TYPES: dict[str, tuple[str, ...]] = {
    main: tuple(s for s in spellings.split("|") if s)
    for main, spellings in (line.split("\t") for line in _TABLE.strip("\n").splitlines())
}
